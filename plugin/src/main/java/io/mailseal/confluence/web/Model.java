package io.mailseal.confluence.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a template gets: a map of names to raw strings, booleans, numbers, lists and nested models. Strings go in
 * unescaped because Confluence HTML-encodes every value a template reference inserts (its anti-XSS rule, enforced
 * for plugins since Confluence 4.0; our templates also opt in explicitly by their {@code .html.vm} names), except
 * where the reference ends in {@code Html}. So no name here may end in {@code Html}: there is no way to put markup in,
 * and nothing a user, an admin, a key or a remote server wrote can become markup.
 *
 * <p>Not thread-safe: built for one request.
 */
public final class Model {

    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * An empty model.
     *
     * @return the model
     */
    public static Model create() {
        return new Model();
    }

    /**
     * Puts text; null becomes the empty string.
     *
     * @param name the name in the template
     * @param raw  the raw text
     * @return this model
     */
    public Model text(String name, String raw) {
        values.put(name(name), raw == null ? "" : raw);
        return this;
    }

    /**
     * Puts a yes/no value.
     *
     * @param name  the name in the template
     * @param value the value
     * @return this model
     */
    public Model flag(String name, boolean value) {
        values.put(name(name), value);
        return this;
    }

    /**
     * Puts a number.
     *
     * @param name  the name in the template
     * @param value the value
     * @return this model
     */
    public Model number(String name, long value) {
        values.put(name(name), value);
        return this;
    }

    /**
     * Puts a list of texts; nulls become empty strings.
     *
     * @param name the name in the template
     * @param raw  the raw texts
     * @return this model
     */
    public Model texts(String name, List<String> raw) {
        List<String> texts = new ArrayList<>(raw.size());
        raw.forEach(text -> texts.add(text == null ? "" : text));
        values.put(name(name), Collections.unmodifiableList(texts));
        return this;
    }

    /**
     * Puts a nested model (a row, a field, a group of texts).
     *
     * @param name  the name in the template
     * @param model the nested model
     * @return this model
     */
    public Model model(String name, Model model) {
        values.put(name(name), model.asMap());
        return this;
    }

    /**
     * Puts a list of nested models (table rows, form fields).
     *
     * @param name   the name in the template
     * @param models the nested models
     * @return this model
     */
    public Model models(String name, List<Model> models) {
        List<Map<String, Object>> maps = new ArrayList<>(models.size());
        models.forEach(model -> maps.add(model.asMap()));
        values.put(name(name), Collections.unmodifiableList(maps));
        return this;
    }

    /**
     * The model as the template renderer takes it.
     *
     * @return an unmodifiable copy
     */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private static String name(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*") || name.equals("class") || name.endsWith("Html")
                || name.endsWith("HTML")) {
            throw new IllegalArgumentException("not a template name: " + name);
        }
        return name;
    }
}
