package com.atlassian.event.api;

/**
 * Registers objects whose {@link EventListener}-annotated methods receive events.
 *
 * <p>Signature: atlassian-event 5.0.2, DF
 * {@code com.atlassian.event_atlassian-event-5.0.2/com/atlassian/event/api/EventListenerRegistrar.java}, per
 * confluence-platform.md B.7.
 */
public interface EventListenerRegistrar {

    /**
     * Registers a listener.
     *
     * @param listener the object with {@link EventListener} methods; not null
     */
    void register(Object listener);

    /**
     * Unregisters a listener.
     *
     * @param listener the object; not null
     */
    void unregister(Object listener);

    /** Unregisters every listener. */
    void unregisterAll();
}
