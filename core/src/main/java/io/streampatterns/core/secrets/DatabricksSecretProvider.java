package io.streampatterns.core.secrets;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;

/**
 * Databricks secrets of one scope, read with {@code dbutils.secrets.get(scope, key)}.
 *
 * <p>Why reflection: the Databricks runtime's {@code dbutils} is not published for compile-time use
 * with Spark 4.2, and this framework must run off Databricks too. When the runtime class
 * {@value #DBUTILS_HOLDER} is on the classpath, lookups go through it; elsewhere
 * {@link #isAvailable()} is false and a lookup fails saying so, which lets
 * {@link SecretProvider#firstOf} fall back to environment variables or files.
 *
 * <p>Databricks itself redacts secret values that a notebook prints ({@code [REDACTED]}); that
 * protects notebook output only, not a value written to a log file or a Kafka record, so the rest
 * of this package's rules apply on Databricks as well.
 */
final class DatabricksSecretProvider implements SecretProvider {
    /** The Databricks runtime's entry point to {@code dbutils}. */
    static final String DBUTILS_HOLDER = "com.databricks.dbutils_v1.DBUtilsHolder";

    private final String scope;
    private final String holderClass;

    DatabricksSecretProvider(String scope) {
        this(scope, DBUTILS_HOLDER);
    }

    /** @param holderClass a class with a static {@code dbutils()} shaped like Databricks' (tests use a stand-in) */
    DatabricksSecretProvider(String scope, String holderClass) {
        // Databricks allows letters, digits, '-', '_', '.' and '@' in scope names.
        if (scope == null || !scope.matches("[A-Za-z0-9._@-]+")) {
            throw new IllegalArgumentException("Databricks secret scope: expected letters, digits, '.', '_', '-'"
                    + " or '@', got '" + scope + "'");
        }
        this.scope = scope;
        this.holderClass = holderClass;
    }

    @Override
    public boolean isAvailable() {
        return holder().isPresent();
    }

    private Optional<Class<?>> holder() {
        try {
            return Optional.of(Class.forName(holderClass, true, classLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : DatabricksSecretProvider.class.getClassLoader();
    }

    @Override
    public Optional<Secret> find(String name) {
        SecretNames.check(name);
        Class<?> holder = holder().orElseThrow(() -> new SecretException("Databricks secrets are not available here"
                + " (looking for secret '" + name + "' in scope '" + scope + "'): " + holderClass
                + " is not on the classpath, so this is not a Databricks runtime. Supply the secret through"
                + " SecretProvider.environment(...) or a file, or use SecretProvider.firstOf(...) to fall back"));
        String value;
        try {
            // Go through the declared return types (Databricks' public interfaces), not the runtime
            // classes, whose methods may not be accessible.
            Method dbutilsMethod = holder.getMethod("dbutils");
            Object dbutils = dbutilsMethod.invoke(null);
            Method secretsMethod = dbutilsMethod.getReturnType().getMethod("secrets");
            Object secrets = secretsMethod.invoke(dbutils);
            Method get = secretsMethod.getReturnType().getMethod("get", String.class, String.class);
            value = (String) get.invoke(secrets, scope, name);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("does not exist") || message.contains("not found")) {
                return Optional.empty();
            }
            // dbutils' own message names the scope and key (it has no value to quote).
            throw new SecretException("cannot read Databricks secret '" + name + "' of scope '" + scope + "': "
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new SecretException("cannot call dbutils.secrets.get through " + holderClass
                    + " (looking for secret '" + name + "' in scope '" + scope + "'): " + e, e);
        }
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw new SecretException("Databricks secret '" + name + "' of scope '" + scope + "' is empty");
        }
        return Optional.of(Secret.of(name, value, "Databricks secret scope " + scope));
    }

    @Override
    public String locationOf(String name) {
        return "Databricks secret scope " + scope + ", key " + name + (isAvailable() ? "" : " (not available here)");
    }

    @Override
    public String toString() {
        return "Databricks secret scope " + scope;
    }
}
