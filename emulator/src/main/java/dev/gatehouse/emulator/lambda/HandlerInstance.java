package dev.gatehouse.emulator.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * One warm instance of a handler class: a {@link RequestHandler} (the event JSON is bound to its input type, resolved
 * from the generic interface through superclasses; the result is written back as JSON), a
 * {@link RequestStreamHandler} (raw bytes in and out), or, for {@code pkg.Class::method}, a public method taking
 * {@code (I)} or {@code (I, Context)}, or {@code (InputStream, OutputStream[, Context])}.
 */
final class HandlerInstance {
    private final Object instance;
    private final Method method;
    private final boolean stream;
    private final boolean takesContext;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    private HandlerInstance(Object instance, Method method, boolean stream, boolean takesContext, JavaType input,
                            JavaType output) {
        this.instance = instance;
        this.method = method;
        this.stream = stream;
        this.takesContext = takesContext;
        this.reader = input == null ? null : LambdaSerialization.MAPPER.readerFor(input);
        this.writer = output == null ? null : LambdaSerialization.MAPPER.writerFor(output);
    }

    /** Loads, initializes and instantiates the handler class. */
    static HandlerInstance load(FunctionConfiguration function, ClassLoader loader) {
        String handler = function.handler();
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : null;
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw error(function, "class " + className + " cannot be loaded: " + e, e);
        }
        Object instance = instantiate(function, type);
        if (methodName == null || ("handleRequest".equals(methodName)
                && (instance instanceof RequestHandler || instance instanceof RequestStreamHandler))) {
            if (instance instanceof RequestStreamHandler) {
                return new HandlerInstance(instance, streamMethod(type), true, true, null, null);
            }
            if (instance instanceof RequestHandler) {
                JavaType[] types = LambdaSerialization.MAPPER.getTypeFactory().constructType(type)
                        .findTypeParameters(RequestHandler.class);
                JavaType input = types.length == 2 ? types[0] : LambdaSerialization.MAPPER.constructType(Object.class);
                JavaType output = types.length == 2 ? types[1] : LambdaSerialization.MAPPER.constructType(Object.class);
                return new HandlerInstance(instance, requestMethod(type), false, true, input, output);
            }
            throw error(function, "class " + className + " implements neither "
                    + RequestHandler.class.getName() + " nor " + RequestStreamHandler.class.getName(), null);
        }
        return ofMethod(function, type, instance, methodName);
    }

    private static HandlerInstance ofMethod(FunctionConfiguration function, Class<?> type, Object instance, String name) {
        for (Method m : type.getMethods()) {
            if (!m.getName().equals(name) || m.isBridge()) {
                continue;
            }
            Class<?>[] p = m.getParameterTypes();
            if ((p.length == 2 || p.length == 3) && p[0] == java.io.InputStream.class
                    && p[1] == java.io.OutputStream.class && (p.length == 2 || p[2] == Context.class)) {
                return new HandlerInstance(instance, m, true, p.length == 3, null, null);
            }
            if (p.length == 1 || (p.length == 2 && p[1] == Context.class)) {
                var factory = LambdaSerialization.MAPPER.getTypeFactory();
                return new HandlerInstance(instance, m, false, p.length == 2,
                        factory.constructType(m.getGenericParameterTypes()[0]),
                        factory.constructType(m.getGenericReturnType()));
            }
        }
        throw error(function, "class " + type.getName() + " has no public method " + name
                + " taking (input[, Context]) or (InputStream, OutputStream[, Context])", null);
    }

    private static Object instantiate(FunctionConfiguration function, Class<?> type) {
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw error(function, "class " + type.getName() + " is abstract or an interface", null);
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw error(function, "class " + type.getName() + " has no public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw error(function, "constructor of " + type.getName() + " threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw error(function, "class " + type.getName() + " cannot be instantiated: " + e, e);
        }
    }

    /** The interface's method: invocable whatever the accessibility of the handler class. */
    private static Method streamMethod(Class<?> type) {
        try {
            return RequestStreamHandler.class.getMethod("handleRequest", java.io.InputStream.class,
                    java.io.OutputStream.class, Context.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method requestMethod(Class<?> type) {
        try {
            return RequestHandler.class.getMethod("handleRequest", Object.class, Context.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FunctionConfigurationException error(FunctionConfiguration function, String problem, Throwable cause) {
        return new FunctionConfigurationException(function.describe() + ": " + problem, cause);
    }

    /**
     * Runs the handler on this thread.
     *
     * @throws Throwable what the handler threw, or the (de)serialization failure
     */
    byte[] handle(byte[] event, Context context) throws Throwable {
        try {
            if (stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Object[] args = takesContext ? new Object[]{new ByteArrayInputStream(event), out, context}
                        : new Object[]{new ByteArrayInputStream(event), out};
                method.invoke(instance, args);
                return out.toByteArray();
            }
            Object input = reader.readValue(event);
            Object result = method.invoke(instance, takesContext ? new Object[]{input, context} : new Object[]{input});
            return writer.writeValueAsBytes(result);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
