package io.mailseal.confluence.storage;

import com.atlassian.bandana.BandanaContext;
import com.atlassian.bandana.BandanaManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bandana as a map per (context, key), without parent lookup (the global context has none). */
public class MapBandanaManager implements BandanaManager {

    private final Map<List<Object>, Object> values = new ConcurrentHashMap<>();

    @Override
    public void init() {
        // nothing to set up
    }

    @Override
    public void setValue(BandanaContext context, String key, Object value) {
        values.put(List.of(context, key), value);
    }

    @Override
    public Object getValue(BandanaContext context, String key) {
        return values.get(List.of(context, key));
    }

    @Override
    public Object getValue(BandanaContext context, String key, boolean lookUp) {
        return getValue(context, key);
    }

    @Override
    public Iterable<String> getKeys(BandanaContext context) {
        return values.keySet().stream().filter(slot -> slot.get(0).equals(context))
                .map(slot -> (String) slot.get(1)).toList();
    }

    @Override
    public void removeValue(BandanaContext context, String key) {
        values.remove(List.of(context, key));
    }
}
