package com.wedsync.ml.pipelines.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The model kinds available to definitions, by name. */
public final class ModelKinds {

    private final Map<String, ModelKind> byName;

    private ModelKinds(Collection<ModelKind> kinds) {
        Map<String, ModelKind> map = new LinkedHashMap<>();
        for (ModelKind kind : kinds) {
            if (map.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalStateException("two model kinds are named '" + kind.name() + "'");
            }
        }
        this.byName = Map.copyOf(map);
    }

    /** Every kind listed in {@code META-INF/services/com.wedsync.ml.pipelines.spi.ModelKind}. */
    public static ModelKinds discover() {
        return new ModelKinds(ServiceLoader.load(ModelKind.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public static ModelKinds of(ModelKind... kinds) {
        return new ModelKinds(java.util.List.of(kinds));
    }

    public Optional<ModelKind> find(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    public ModelKind get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown model kind '" + name + "'; known kinds: " + names()));
    }

    public java.util.Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }
}
