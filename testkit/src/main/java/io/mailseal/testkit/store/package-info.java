/**
 * In-memory implementations of the engine's storage ports ({@link io.mailseal.store}) and the contract tests every
 * implementation runs: abstract JUnit 5 classes ({@code *Contract}) that a store's test subclasses, supplying an empty
 * store. The in-memory stores run them in the testkit; the plugin's Bandana and Active Objects stores run them
 * against a real database.
 *
 * <p>May depend on the engine, JUnit 5 and AssertJ; never on {@code com.atlassian}. Test code only: never shipped.
 */
package io.mailseal.testkit.store;
