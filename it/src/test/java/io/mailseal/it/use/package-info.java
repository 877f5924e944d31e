/** The USE import share against a real OpenSSH SFTP server on 127.0.0.1. */
package io.mailseal.it.use;
