package dev.leadbase.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BiFunction;

/** Test doubles that are a real port seen through a hook: to make a race happen, or a worker die, at one call. */
public final class Intercept {
    private Intercept() {
    }

    /**
     * {@code target} seen through {@code hook}: called with the method's name and null before each call, then with
     * the name and the call's result; what it answers the second time (when not null) replaces the result.
     */
    @SuppressWarnings("unchecked")
    public static <T> T around(Class<T> type, T target, BiFunction<String, Object, Object> hook) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            hook.apply(method.getName(), null);
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Object replaced = result == null ? null : hook.apply(method.getName(), result);
            return replaced == null ? result : replaced;
        });
    }
}
