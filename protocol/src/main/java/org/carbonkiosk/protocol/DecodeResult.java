package org.carbonkiosk.protocol;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of decoding untrusted input: either a value or a precise, machine-readable
 * reason why the input is malformed. Decoders never throw on bad input; they return this.
 *
 * @param <T> the decoded value's type
 */
public sealed interface DecodeResult<T> permits DecodeResult.Ok, DecodeResult.Malformed {

    static <T> DecodeResult<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> DecodeResult<T> malformed(MalformedReason reason, String detail) {
        return new Malformed<>(reason, detail);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The value; throws {@link IllegalStateException} when malformed (a programming error). */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.get();
        }
        Malformed<T> m = (Malformed<T>) this;
        throw new IllegalStateException("malformed: " + m.reason().code() + ": " + m.detail());
    }

    /** Transforms the value, keeping a malformed result as it is. */
    default <R> DecodeResult<R> map(Function<T, R> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.get()));
        }
        Malformed<T> m = (Malformed<T>) this;
        return new Malformed<>(m.reason(), m.detail());
    }

    /** Chains a further decoding step, keeping the first malformed result. */
    default <R> DecodeResult<R> then(Function<T, DecodeResult<R>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.get());
        }
        Malformed<T> m = (Malformed<T>) this;
        return new Malformed<>(m.reason(), m.detail());
    }

    /** A decoded value. */
    record Ok<T>(T get) implements DecodeResult<T> {
        public Ok {
            Objects.requireNonNull(get, "value");
        }
    }

    /** Input that does not follow the protocol, with the reason and a human-readable detail. */
    record Malformed<T>(MalformedReason reason, String detail) implements DecodeResult<T> {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
