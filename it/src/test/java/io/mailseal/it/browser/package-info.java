/**
 * Browser tests: the sandbox (the real plugin jar in the Confluence-like host) started as a child process on a free
 * loopback port, driven by Playwright in Debian's headless Chromium, with gpg and openssl as decryption oracles for
 * the mail it delivers.
 */
package io.mailseal.it.browser;
