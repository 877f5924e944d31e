package io.mailseal.testkit.confluence;

import com.atlassian.sal.api.message.I18nResolver;
import com.atlassian.sal.api.message.Message;
import com.atlassian.sal.api.message.MessageCollection;
import java.io.Serializable;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SAL i18n resolver over a plain map of patterns (no resource bundles, one language): texts are formatted with
 * {@link MessageFormat} as SAL does, and an unknown key resolves to the key itself. A host that starts several
 * plugins adds each one's texts with {@link #addTexts}, as Confluence resolves a key against all enabled plugins'
 * {@code <resource type="i18n">} bundles.
 *
 * <p>Thread-safe: the patterns are an immutable map, replaced under a lock.
 */
public final class InMemoryI18nResolver implements I18nResolver {

    private static final Locale DEFAULT_LOCALE = Locale.ENGLISH;
    private volatile Map<String, String> patterns;

    /**
     * Creates the resolver.
     *
     * @param patterns the message patterns by key
     */
    public InMemoryI18nResolver(Map<String, String> patterns) {
        this.patterns = Map.copyOf(patterns);
    }

    /** Creates a resolver without texts, for {@link #addTexts}. */
    public InMemoryI18nResolver() {
        this(Map.of());
    }

    /**
     * Adds texts; a key already known keeps its first text (the first plugin installed wins, as in Confluence).
     *
     * @param texts message patterns by key
     */
    public synchronized void addTexts(Map<String, String> texts) {
        Map<String, String> merged = new java.util.HashMap<>(texts);
        merged.putAll(patterns);
        patterns = Map.copyOf(merged);
    }

    @Override
    public String getRawText(String key) {
        return getRawText(DEFAULT_LOCALE, key);
    }

    @Override
    public String getRawText(Locale locale, String key) {
        return patterns.getOrDefault(key, key);
    }

    @Override
    public String getText(String key, Serializable... arguments) {
        return getText(DEFAULT_LOCALE, key, arguments);
    }

    @Override
    public String getText(Locale locale, String key, Serializable... arguments) {
        String pattern = patterns.get(key);
        if (pattern == null) {
            return key;
        }
        return new MessageFormat(pattern, locale == null ? DEFAULT_LOCALE : locale)
                .format(arguments == null ? new Object[0] : arguments);
    }

    @Override
    public String getText(String key) {
        return getText(DEFAULT_LOCALE, key, new Serializable[0]);
    }

    @Override
    public String getText(Locale locale, String key) {
        return getText(locale, key, new Serializable[0]);
    }

    @Override
    public String getText(Message message) {
        return getText(DEFAULT_LOCALE, message);
    }

    @Override
    public String getText(Locale locale, Message message) {
        return getText(locale, message.getKey(), message.getArguments());
    }

    @Override
    public Message createMessage(String key, Serializable... arguments) {
        return new SimpleMessage(key, arguments);
    }

    @Override
    public MessageCollection createMessageCollection() {
        return new SimpleMessageCollection();
    }

    @Override
    public Map<String, String> getAllTranslationsForPrefix(String prefix) {
        return getAllTranslationsForPrefix(prefix, DEFAULT_LOCALE);
    }

    /** The raw patterns whose keys start with the prefix, sorted by key. */
    @Override
    public Map<String, String> getAllTranslationsForPrefix(String prefix, Locale locale) {
        Map<String, String> found = new TreeMap<>();
        patterns.forEach((key, pattern) -> {
            if (key.startsWith(prefix)) {
                found.put(key, pattern);
            }
        });
        return found;
    }

    /** A key and its arguments; immutable. */
    private static final class SimpleMessage implements Message {

        private static final long serialVersionUID = 1L;
        private final String key;
        private final Serializable[] arguments;

        SimpleMessage(String key, Serializable[] arguments) {
            this.key = Objects.requireNonNull(key, "key");
            this.arguments = arguments == null ? new Serializable[0] : arguments.clone();
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public Serializable[] getArguments() {
            return arguments.clone();
        }

        @Override
        public String toString() {
            return key + Arrays.toString(arguments);
        }
    }

    /** A list of messages; thread-safe. */
    private static final class SimpleMessageCollection implements MessageCollection {

        private final List<Message> messages = new CopyOnWriteArrayList<>();

        @Override
        public void addMessage(String key, Serializable... arguments) {
            messages.add(new SimpleMessage(key, arguments));
        }

        @Override
        public void addMessage(Message message) {
            messages.add(Objects.requireNonNull(message, "message"));
        }

        @Override
        public void addAll(List<Message> more) {
            messages.addAll(more);
        }

        @Override
        public boolean isEmpty() {
            return messages.isEmpty();
        }

        @Override
        public List<Message> getMessages() {
            return List.copyOf(messages);
        }
    }
}
