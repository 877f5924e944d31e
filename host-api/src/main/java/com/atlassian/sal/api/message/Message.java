package com.atlassian.sal.api.message;

import java.io.Serializable;

/**
 * An i18n message: a key and its arguments, resolved later by {@link I18nResolver}.
 *
 * <p>Signature: sal-api 5.1.4, DF {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/message/Message.java};
 * members checked there (confluence-platform.md B.3
 * names the type only).
 */
public interface Message extends Serializable {

    /**
     * The message key.
     *
     * @return the key
     */
    String getKey();

    /**
     * The message arguments.
     *
     * @return the arguments
     */
    Serializable[] getArguments();
}
