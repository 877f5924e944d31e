/**
 * In-process and real HTTP key servers for tests: {@link io.mailseal.testkit.http.KeyServerStub}, a JUnit 5
 * extension on the JDK's {@code com.sun.net.httpserver.HttpServer} bound to 127.0.0.1 that serves registered HKP, WKD
 * and VKS answers (including slow, never-ending and huge ones) and records the requests; and
 * {@link io.mailseal.testkit.http.SksServer}, which runs Debian's real SKS key server on a free loopback port for
 * integration tests.
 *
 * <p>May depend on the JDK, JUnit Jupiter's extension API, Bouncy Castle (to armor key answers) and the engine. Test
 * code only: never shipped in the plugin.
 */
package io.mailseal.testkit.http;
