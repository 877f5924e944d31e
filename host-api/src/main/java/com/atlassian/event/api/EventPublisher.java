package com.atlassian.event.api;

/**
 * The host's event bus: publishes events to registered listeners.
 *
 * <p>Signature: atlassian-event 5.0.2, DF {@code
 * com.atlassian.event_atlassian-event-5.0.2/com/atlassian/event/api/EventPublisher.java}, per confluence-platform.md
 * B.7.
 */
public interface EventPublisher extends EventListenerRegistrar {

    /**
     * Publishes an event.
     *
     * @param event the event; not null
     */
    void publish(Object event);
}
