package com.atlassian.sal.api.message;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves i18n keys from the plugins' resource bundles into text, in the current user's or a given locale.
 *
 * <p>Signature: sal-api 5.1.4, DF {@code
 * com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/message/I18nResolver.java}, per confluence-platform.md B.3.
 */
public interface I18nResolver {

    /**
     * The raw pattern of a key, unformatted.
     *
     * @param key the key
     * @return the pattern, or the key if unknown
     */
    String getRawText(String key);

    /**
     * The raw pattern of a key in a locale, unformatted.
     *
     * @param locale the locale
     * @param key    the key
     * @return the pattern, or the key if unknown
     */
    String getRawText(Locale locale, String key);

    /**
     * The formatted text of a key.
     *
     * @param key       the key
     * @param arguments the arguments
     * @return the text
     */
    String getText(String key, Serializable... arguments);

    /**
     * The formatted text of a key in a locale.
     *
     * @param locale    the locale
     * @param key       the key
     * @param arguments the arguments
     * @return the text
     */
    String getText(Locale locale, String key, Serializable... arguments);

    /**
     * The text of a key.
     *
     * @param key the key
     * @return the text
     */
    String getText(String key);

    /**
     * The text of a key in a locale.
     *
     * @param locale the locale
     * @param key    the key
     * @return the text
     */
    String getText(Locale locale, String key);

    /**
     * The text of a message.
     *
     * @param message the message
     * @return the text
     */
    String getText(Message message);

    /**
     * The text of a message in a locale.
     *
     * @param locale  the locale
     * @param message the message
     * @return the text
     */
    String getText(Locale locale, Message message);

    /**
     * Creates a message.
     *
     * @param key       the key
     * @param arguments the arguments
     * @return the message
     */
    Message createMessage(String key, Serializable... arguments);

    /**
     * Creates an empty message collection.
     *
     * @return the collection
     */
    MessageCollection createMessageCollection();

    /**
     * Every key starting with a prefix and its text.
     *
     * @param prefix the key prefix
     * @return text by key
     */
    Map<String, String> getAllTranslationsForPrefix(String prefix);

    /**
     * Every key starting with a prefix and its text in a locale.
     *
     * @param prefix the key prefix
     * @param locale the locale
     * @return text by key
     */
    Map<String, String> getAllTranslationsForPrefix(String prefix, Locale locale);
}
