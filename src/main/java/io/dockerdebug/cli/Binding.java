package io.dockerdebug.cli;

import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A field of a command as picocli's getter and setter, from two lambdas: what picocli would do
 * by reflection for an annotated field (both interfaces have generic methods, so no lambda can
 * implement them directly).
 */
final class Binding<V> implements IGetter, ISetter {
    private final Supplier<V> getter;
    private final Consumer<V> setter;

    private Binding(Supplier<V> getter, Consumer<V> setter) {
        this.getter = getter;
        this.setter = setter;
    }

    static <V> Binding<V> of(Supplier<V> getter, Consumer<V> setter) {
        return new Binding<>(getter, setter);
    }

    /** The field's value when the model is built: what picocli resets it to before each parse. */
    Object initial() {
        return getter.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
        return (T) getter.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
        T previous = (T) getter.get();
        setter.accept((V) value);
        return previous;
    }
}
