package com.atlassian.event.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a one-argument method that receives the events of its parameter's type.
 *
 * <p>Signature: atlassian-event 5.0.2 (RUNTIME; METHOD; {@code @Documented}; {@code scope() default ""},
 * {@code order() default 0}), DF {@code
 * com.atlassian.event_atlassian-event-5.0.2/com/atlassian/event/api/EventListener.java}, per confluence-platform.md
 * B.7.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Documented
public @interface EventListener {

    /**
     * The listener's scope.
     *
     * @return the scope; empty by default
     */
    String scope() default "";

    /**
     * The order among listeners of the same event.
     *
     * @return the order; 0 by default
     */
    int order() default 0;
}
