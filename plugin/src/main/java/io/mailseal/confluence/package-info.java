/**
 * The Confluence plugin: its lifecycle and, in sub-packages, the adapters to Confluence (mail hook, storage,
 * directory, web screens, jobs).
 *
 * <p>Beans are declared in {@code META-INF/spring/plugin-context.xml} and wired by constructor; host services come
 * in through {@code osgi:reference}. May depend on the engine and on the host API ({@code com.atlassian}, imported
 * with {@code version="0"}); never imports {@code org.bouncycastle} from the host.
 */
package io.mailseal.confluence;
