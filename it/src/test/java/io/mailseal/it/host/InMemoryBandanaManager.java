package io.mailseal.it.host;

import com.atlassian.bandana.BandanaContext;
import com.atlassian.bandana.BandanaManager;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bandana in a map keyed by (context, key); reads fall back to parent contexts. Values are stored as given, not
 * serialized as Confluence does with XStream.
 *
 * <p>Thread-safe: a {@link ConcurrentHashMap}.
 */
public final class InMemoryBandanaManager implements BandanaManager {

    private final Map<Slot, Object> values = new ConcurrentHashMap<>();

    @Override
    public void init() {
        // nothing to set up
    }

    /** Stores a value; a null value removes the key. */
    @Override
    public void setValue(BandanaContext context, String key, Object value) {
        Slot slot = new Slot(context, key);
        if (value == null) {
            values.remove(slot);
        } else {
            values.put(slot, value);
        }
    }

    @Override
    public Object getValue(BandanaContext context, String key) {
        return getValue(context, key, true);
    }

    @Override
    public Object getValue(BandanaContext context, String key, boolean lookUp) {
        Objects.requireNonNull(context, "context");
        for (BandanaContext c = context; c != null; c = lookUp && c.hasParentContext() ? c.getParentContext() : null) {
            Object value = values.get(new Slot(c, key));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The keys of one context, sorted. */
    @Override
    public Iterable<String> getKeys(BandanaContext context) {
        Objects.requireNonNull(context, "context");
        return values.keySet().stream().filter(slot -> slot.context().equals(context))
                .map(Slot::key).sorted().toList();
    }

    @Override
    public void removeValue(BandanaContext context, String key) {
        values.remove(new Slot(context, key));
    }

    /** A (context, key) pair. */
    private record Slot(BandanaContext context, String key) {
        Slot {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(key, "key");
        }
    }
}
