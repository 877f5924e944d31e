package com.atlassian.sal.api.user;

import java.io.Serializable;
import java.util.Objects;

/**
 * The stable, rename-proof identifier of a user (as opposed to the user name).
 *
 * <p>Signature: sal-api 5.1.4 (final class), DF
 * {@code com.atlassian.sal_sal-api-5.1.4/com/atlassian/sal/api/user/UserKey.java}, per
 * confluence-platform.md B.3. Equality is on the string value; {@link #toString()} returns it.
 */
public final class UserKey implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The key's string value; never null. */
    private final String userkey;

    /**
     * Creates a user key.
     *
     * @param userkey the key's string value; not null
     */
    public UserKey(String userkey) {
        this.userkey = Objects.requireNonNull(userkey, "userkey");
    }

    /**
     * A user key from a numeric user id.
     *
     * @param userId the id
     * @return the key whose string value is the decimal id
     */
    public static UserKey fromLong(long userId) {
        return new UserKey(Long.toString(userId));
    }

    /**
     * The key's string value.
     *
     * @return the string value; never null
     */
    public String getStringValue() {
        return userkey;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o != null && o.getClass() == UserKey.class && userkey.equals(((UserKey) o).userkey);
    }

    @Override
    public int hashCode() {
        return userkey.hashCode();
    }

    @Override
    public String toString() {
        return userkey;
    }
}
