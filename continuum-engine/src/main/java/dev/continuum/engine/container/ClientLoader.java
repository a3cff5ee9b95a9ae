package dev.continuum.engine.container;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Loads the docker-java client ({@code dev.continuum.engine.container.docker}) when a run first needs an engine.
 *
 * <p>In a build's classes the library is on the class path and is used from there. The application jar leaves it
 * out, since a jar twice as large costs every start-up some milliseconds to open; it is then in {@code lib/} next to
 * the jar, loaded by a class loader of its own that also takes the client package from the application jar (so that
 * the package sees the library), and everything else from the application's loader.
 */
final class ClientLoader {

    static final String CLIENT = "dev.continuum.engine.container.docker.DockerApiEngine";
    private static final String CLIENT_PACKAGE = "dev.continuum.engine.container.docker.";
    private static final String LIBRARY_CLASS = "com.github.dockerjava.api.DockerClient";
    private static @Nullable Method connect;

    private ClientLoader() {
    }

    /** Connects to an endpoint that has answered a ping. */
    static ContainerEngine connect(Endpoint endpoint) throws ContainerException {
        Method m = connector();
        try {
            return (ContainerEngine) m.invoke(null, endpoint);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ContainerException ce) {
                throw ce;
            }
            throw new ContainerException("the container client failed: " + e.getCause(), "", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Method connector() throws ContainerException {
        if (connect != null) {
            return connect;
        }
        ClassLoader own = ClientLoader.class.getClassLoader();
        try {
            Class<?> client;
            if (present(own)) {
                client = own.loadClass(CLIENT);
            } else {
                client = isolated(own).loadClass(CLIENT);
            }
            connect = client.getMethod("connect", Endpoint.class);
            return connect;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ContainerException("the container client could not be loaded: " + e, "");
        }
    }

    private static boolean present(ClassLoader loader) {
        try {
            Class.forName(LIBRARY_CLASS, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A loader over the application jar's client package and {@code lib/*.jar} next to it. */
    private static ClassLoader isolated(ClassLoader parent) throws ContainerException {
        Path jar;
        try {
            jar = Path.of(ClientLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            throw new ContainerException("cannot tell where continuum's jar is, to find the container client library",
                    "");
        }
        Path lib = (jar.getParent() == null ? Path.of(".") : jar.getParent()).resolve("lib");
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(lib)) {
            urls.add(jar.toUri().toURL());
            for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(p.toUri().toURL());
            }
        } catch (IOException e) {
            throw new ContainerException("the container client library is missing: there is no " + lib,
                    "rebuild continuum (./continuum does it when its sources change), which puts it there");
        }
        return new Isolated(urls.toArray(URL[]::new), parent);
    }

    /** Takes the client package itself (child first), everything else from the parent first. */
    private static final class Isolated extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        Isolated(URL[] urls, ClassLoader parent) {
            super("continuum-container-client", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(CLIENT_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
