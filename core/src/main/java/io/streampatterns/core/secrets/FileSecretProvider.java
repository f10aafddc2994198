package io.streampatterns.core.secrets;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Secrets in files: one properties file, or a folder with one file per secret (how Kubernetes and
 * Docker mount secrets). See {@link SecretProvider#propertiesFile} and {@link SecretProvider#directory}.
 *
 * <p>Why a world-readable file is refused: any account on the machine (a sidecar, another
 * job, a shell someone left open) could read the password, and nothing would tell. Refusing at the
 * lookup, with the chmod that fixes it, turns a silent exposure into a one-line fix. Group read is
 * allowed: Kubernetes' {@code fsGroup} relies on it. On file systems without POSIX permissions
 * (Windows) the check is skipped.
 */
final class FileSecretProvider implements SecretProvider {
    private final Path path;
    private final boolean folder;

    private FileSecretProvider(Path path, boolean folder) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
        this.folder = folder;
    }

    static FileSecretProvider propertiesFile(Path file) {
        return new FileSecretProvider(file, false);
    }

    static FileSecretProvider directory(Path folder) {
        return new FileSecretProvider(folder, true);
    }

    @Override
    public Optional<Secret> find(String name) {
        SecretNames.check(name);
        return folder ? fromFolder(name) : fromPropertiesFile(name);
    }

    private Optional<Secret> fromPropertiesFile(String name) {
        if (!Files.isRegularFile(path)) {
            throw new SecretException("secrets file " + path + " does not exist or is not a file"
                    + " (looking for secret '" + name + "')");
        }
        refuseWorldReadable(path, name);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            // The exception names the file and a position at most; Properties never quotes a value.
            throw new SecretException("cannot read secrets file " + path + " (looking for secret '" + name
                    + "'): " + e.getClass().getSimpleName(), e);
        }
        String value = properties.getProperty(name);
        if (value == null) {
            return Optional.empty();
        }
        return Optional.of(nonEmpty(name, value, "key " + name + " of secrets file " + path));
    }

    private Optional<Secret> fromFolder(String name) {
        if (!Files.isDirectory(path)) {
            throw new SecretException("secrets folder " + path + " does not exist or is not a folder"
                    + " (looking for secret '" + name + "')");
        }
        Path file = path.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            throw new SecretException("secret '" + name + "': " + file + " is not a file");
        }
        refuseWorldReadable(file, name);
        String value;
        try {
            value = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SecretException("cannot read secret '" + name + "' from " + file + ": "
                    + e.getClass().getSimpleName(), e);
        }
        // `echo secret > file` and most editors end the file with a line break that is not part of it.
        if (value.endsWith("\r\n")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - 1);
        }
        return Optional.of(nonEmpty(name, value, "file " + file));
    }

    private static Secret nonEmpty(String name, String value, String origin) {
        if (value.isEmpty()) {
            throw new SecretException("secret '" + name + "' in " + origin + " is empty");
        }
        return Secret.of(name, value, origin);
    }

    /** Throws when every user of the machine may read {@code file}; see the class comment for why. */
    static void refuseWorldReadable(Path file, String name) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // no POSIX permissions on this file system
        } catch (IOException e) {
            throw new SecretException("cannot read the permissions of " + file + " (looking for secret '"
                    + name + "'): " + e.getClass().getSimpleName(), e);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new SecretException("refusing to read secret '" + name + "' from " + file
                    + ": every user of this machine may read it (permissions "
                    + PosixFilePermissions.toString(permissions) + "). Restrict it with: chmod o-r " + file
                    + " (600 or 640; for a Kubernetes secret volume, defaultMode: 0400 or 0440)");
        }
    }

    @Override
    public String locationOf(String name) {
        return folder ? "file " + path.resolve(SecretNames.check(name)) : "key " + name + " of secrets file " + path;
    }

    @Override
    public String toString() {
        return folder ? "secrets folder " + path : "secrets file " + path;
    }
}
