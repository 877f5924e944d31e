/**
 * Real SSH peers for integration tests: Debian's OpenSSH {@code sshd} serving SFTP on 127.0.0.1. Every public type
 * states its thread-safety.
 */
package io.mailseal.testkit.ssh;
