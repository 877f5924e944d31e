package io.mailseal.testkit.osgi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A plugin's Spring application context seen from outside the plugin.
 *
 * <p>The context's classes come from the Spring bundles inside the OSGi framework, not from the test's class path,
 * so this wrapper talks to it reflectively. Thread-safe as far as the wrapped context is.
 */
public final class SpringContext {

    /** {@code AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR}. */
    private static final int AUTOWIRE_CONSTRUCTOR = 3;

    private final Object applicationContext;

    SpringContext(Object applicationContext) {
        this.applicationContext = Objects.requireNonNull(applicationContext, "applicationContext");
    }

    /**
     * The names of every bean defined in the plugin's context files.
     *
     * @return the names, in definition order
     */
    public List<String> beanNames() {
        return Arrays.asList((String[]) call(applicationContext, "getBeanDefinitionNames"));
    }

    /**
     * Gets (and so creates, if lazy) a bean by name.
     *
     * @param name the bean name
     * @return the bean; its class is the plugin's or a Gemini service proxy
     */
    public Object bean(String name) {
        Method getBean = method(applicationContext.getClass(), "getBean", String.class);
        return invoke(getBean, applicationContext, name);
    }

    /**
     * Creates a new object of a plugin class with its constructor's arguments taken from this context, as Confluence
     * creates a plugin's servlets and conditions: {@code AutowireCapableBeanFactory.createBean(type,
     * AUTOWIRE_CONSTRUCTOR, false)}, so the greediest constructor whose parameters the context can satisfy is used,
     * and the bean post-processors run. The object is not a bean of the context: whoever created it destroys it.
     *
     * @param type a class loaded by the plugin's bundle
     * @return the new object
     * @throws RuntimeException what Spring throws when a constructor argument cannot be satisfied
     */
    public Object createBean(Class<?> type) {
        Object factory = call(applicationContext, "getAutowireCapableBeanFactory");
        Method create = method(factory.getClass(), "createBean", Class.class, int.class, boolean.class);
        return invoke(create, factory, type, AUTOWIRE_CONSTRUCTOR, false);
    }

    /**
     * Calls a public no-argument method on an object that lives inside the framework.
     *
     * @param target     the object
     * @param methodName the method
     * @return what the method returned
     */
    public static Object call(Object target, String methodName) {
        return invoke(method(target.getClass(), methodName), target);
    }

    private static Method method(Class<?> type, String name, Class<?>... parameterTypes) {
        try {
            Method method = type.getMethod(name, parameterTypes);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " has no public method " + name, e);
        }
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(method + " failed", cause);
        }
    }
}
