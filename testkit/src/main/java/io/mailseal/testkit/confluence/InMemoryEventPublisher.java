package io.mailseal.testkit.confluence;

import com.atlassian.event.api.EventListener;
import com.atlassian.event.api.EventPublisher;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Atlassian event publisher that delivers each event synchronously, on the publishing thread, to every public
 * method annotated {@link EventListener} whose single parameter type is assignable from the event's class (listeners
 * in registration order, a listener's methods by {@code order()}, then name). As in Confluence, registering an object
 * without such methods is refused, and a listener's exception is logged, not thrown to the publisher; the exceptions
 * are also kept, the last {@value #KEPT_FAILURES}, in {@link #failures()}.
 *
 * <p>Thread-safe: copy-on-write lists.
 */
public final class InMemoryEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryEventPublisher.class);

    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    /** How many listener failures are kept. */
    public static final int KEPT_FAILURES = 100;

    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @Override
    public void register(Object listener) {
        Objects.requireNonNull(listener, "listener");
        List<Method> methods = new ArrayList<>();
        for (Method method : listener.getClass().getMethods()) {
            if (method.isAnnotationPresent(EventListener.class) && method.getParameterCount() == 1) {
                method.trySetAccessible(); // public methods of a non-public class
                methods.add(method);
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("No listener invokers were found for listener <" + listener + ">");
        }
        methods.sort(Comparator.comparingInt((Method m) -> m.getAnnotation(EventListener.class).order())
                .thenComparing(Method::getName));
        unregister(listener);
        registrations.add(new Registration(listener, List.copyOf(methods)));
    }

    @Override
    public void unregister(Object listener) {
        registrations.removeIf(registration -> registration.listener() == listener);
    }

    @Override
    public void unregisterAll() {
        registrations.clear();
    }

    @Override
    public void publish(Object event) {
        Objects.requireNonNull(event, "Event cannot be null");
        for (Registration registration : registrations) {
            for (Method method : registration.methods()) {
                if (method.getParameterTypes()[0].isAssignableFrom(event.getClass())) {
                    invoke(registration.listener(), method, event);
                }
            }
        }
    }

    /**
     * The exceptions listeners have thrown so far.
     *
     * @return a snapshot, oldest first
     */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    private void invoke(Object listener, Method method, Object event) {
        try {
            method.invoke(listener, event);
        } catch (InvocationTargetException e) {
            keep(e.getCause());
            LOG.error("Listener {} failed on {}", method, event, e.getCause());
        } catch (IllegalAccessException e) {
            keep(e);
            LOG.error("Listener {} cannot be called", method, e);
        }
    }

    private void keep(Throwable failure) {
        failures.add(failure);
        while (failures.size() > KEPT_FAILURES) {
            failures.remove(0);
        }
    }

    /** A listener and its event methods. */
    private record Registration(Object listener, List<Method> methods) {
    }
}
