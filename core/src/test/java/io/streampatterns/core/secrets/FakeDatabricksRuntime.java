package io.streampatterns.core.secrets;

import java.util.HashMap;
import java.util.Map;

/**
 * Stands in for Databricks' {@code com.databricks.dbutils_v1.DBUtilsHolder}: a static {@code dbutils()}
 * whose {@code secrets().get(scope, key)} answers from a map and, like Databricks, throws for a
 * secret that does not exist.
 */
public final class FakeDatabricksRuntime {
    static final Map<String, String> SECRETS = new HashMap<>();

    private FakeDatabricksRuntime() {
    }

    public static DbUtils dbutils() {
        return new DbUtils();
    }

    public static final class DbUtils {
        public SecretUtils secrets() {
            return new SecretUtils();
        }
    }

    public static final class SecretUtils {
        public String get(String scope, String key) {
            String value = SECRETS.get(scope + "/" + key);
            if (value == null) {
                throw new IllegalArgumentException("Secret does not exist with scope: " + scope + " and key: " + key);
            }
            return value;
        }
    }
}
