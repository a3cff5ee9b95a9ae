package dev.continuum.engine.container;

import dev.continuum.engine.services.RunningService;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** A service of {@code services:} running as a container on the job's network. */
public final class ContainerService implements RunningService {

    private final ContainerEngine engine;
    private final String id;
    private final String image;
    private final String containerId;
    private final String network;
    private final String host;
    private final Map<Integer, Integer> ports;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String lastHealth;

    ContainerService(ContainerEngine engine, String id, String image, String containerId, String network, String host,
                     Map<Integer, Integer> ports, String lastHealth) {
        this.engine = engine;
        this.id = id;
        this.image = image;
        this.containerId = containerId;
        this.network = network;
        this.host = host;
        this.ports = Map.copyOf(ports);
        this.lastHealth = lastHealth;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String provider() {
        return "container " + image + " (" + engine.describe() + ")";
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public Map<Integer, Integer> ports() {
        return ports;
    }

    @Override
    public String lastHealthOutput() {
        return lastHealth;
    }

    /** The container's id ({@code job.services.<id>.id}). */
    public String containerId() {
        return containerId;
    }

    /** The network it is on ({@code job.services.<id>.network}). */
    public String network() {
        return network;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            engine.remove(containerId);
        }
    }
}
