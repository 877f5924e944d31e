package com.atlassian.sal.api.message;

import java.io.Serializable;
import java.util.List;

/**
 * An ordered collection of i18n {@link Message}s (e.g. validation errors).
 *
 * <p>Signature: sal-api 5.1.4, DF
 * {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/message/MessageCollection.java}; members checked there
 * (confluence-platform.md B.3 names the type only).
 */
public interface MessageCollection {

    /**
     * Adds a message.
     *
     * @param key       the message key
     * @param arguments the message arguments
     */
    void addMessage(String key, Serializable... arguments);

    /**
     * Adds a message.
     *
     * @param message the message
     */
    void addMessage(Message message);

    /**
     * Adds messages.
     *
     * @param messages the messages
     */
    void addAll(List<Message> messages);

    /**
     * Whether the collection holds no message.
     *
     * @return true if empty
     */
    boolean isEmpty();

    /**
     * The messages.
     *
     * @return the messages in the order added
     */
    List<Message> getMessages();
}
