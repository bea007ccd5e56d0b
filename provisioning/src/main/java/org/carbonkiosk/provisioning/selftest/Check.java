package org.carbonkiosk.provisioning.selftest;

/** One line of the self-test table. */
public record Check(String name, Status status, String detail) {
    public enum Status { PASS, FAIL, SKIP }

    public Check withDetail(String newDetail) {
        return new Check(name, status, newDetail);
    }

    public static Check pass(String name, String detail) {
        return new Check(name, Status.PASS, detail);
    }

    public static Check fail(String name, String detail) {
        return new Check(name, Status.FAIL, detail);
    }

    public static Check skip(String name, String detail) {
        return new Check(name, Status.SKIP, detail);
    }
}
