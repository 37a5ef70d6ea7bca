package dev.leadbase.local.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.function.Consumer;

/** How the mode's client proxies pass on a call they leave alone. */
final class Delegation {
    private Delegation() {
    }

    /**
     * Builder overloads ({@code getItem(b -> ...)}) and paginators run as the interface defines them, calling back
     * through the proxy; every other call goes to {@code delegate}.
     */
    static Object passOn(Object proxy, Method method, Object[] args, Object delegate) throws Throwable {
        boolean builder = args != null && args.length == 1 && args[0] instanceof Consumer<?>;
        if (method.isDefault() && (builder || method.getName().endsWith("Paginator"))) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
