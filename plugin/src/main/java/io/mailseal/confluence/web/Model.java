package io.mailseal.confluence.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a template gets: a map of names to escaped strings, booleans, numbers, lists and nested models. Every string
 * goes through {@link Html#escape} on its way in, so a template writes {@code $name} as it is and nothing a user, an
 * admin, a key or a remote server wrote can become markup. There is no way to put unescaped text in.
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
     * Puts text, escaped; null becomes the empty string.
     *
     * @param name the name in the template
     * @param raw  the raw text
     * @return this model
     */
    public Model text(String name, String raw) {
        values.put(name(name), Html.escape(raw));
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
     * Puts a list of texts, each escaped.
     *
     * @param name the name in the template
     * @param raw  the raw texts
     * @return this model
     */
    public Model texts(String name, List<String> raw) {
        List<String> escaped = new ArrayList<>(raw.size());
        raw.forEach(text -> escaped.add(Html.escape(text)));
        values.put(name(name), Collections.unmodifiableList(escaped));
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
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*") || name.equals("class")) {
            throw new IllegalArgumentException("not a template name: " + name);
        }
        return name;
    }
}
