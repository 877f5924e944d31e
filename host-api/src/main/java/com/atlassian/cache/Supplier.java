package com.atlassian.cache;

/**
 * Produces a value to cache (for {@link CachedReference} and {@link Cache#get(Object, Supplier)}).
 *
 * <p>Signature: atlassian-cache-api 6.0.2 ({@code @PublicSpi}, extends {@code java.util.function.Supplier}),
 * DF {@code com.atlassian.cache_atlassian-cache-api-6.0.2/com/atlassian/cache/Supplier.java}, per
 * confluence-platform.md B.6.
 *
 * @param <T> the value type
 */
public interface Supplier<T> extends java.util.function.Supplier<T> {

    /**
     * Produces the value.
     *
     * @return the value; not null
     */
    @Override
    T get();
}
