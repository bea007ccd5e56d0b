package org.carbonkiosk.provisioning.enroll;

import org.carbonkiosk.client.CollectorAnswer;
import org.carbonkiosk.client.EnrollmentRequest;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ProvisionException;
import org.carbonkiosk.provisioning.http.CollectorClient;
import org.tinylog.Logger;

/** Sends an enrollment to the collector and turns every answer into a plain outcome. */
public final class Registrar {
    private final CollectorClient client;

    public Registrar(CollectorClient client) {
        this.client = client;
    }

    /** Registers the device; returns the sentence to show. Re-enrolling the same key is fine. */
    public String enroll(EnrollmentRequest request) {
        CollectorAnswer answer = client.enroll(request);
        Logger.info("enroll deviceId={} keyVersion={}: HTTP {}", request.deviceId(), request.keyVersion(), answer.status());
        if (answer.status() == 201) {
            return "Enrolled " + request.deviceId() + " (key version " + request.keyVersion() + ") at " + client.base() + ".";
        }
        if (answer.ok()) {
            return request.deviceId() + " was already enrolled at " + client.base() + " with this same key: nothing to do.";
        }
        if (answer.status() == 409) {
            throw new ProvisionException(ExitCodes.CONFLICT, "the collector at " + client.base() + " already has a"
                    + " device " + request.deviceId() + " with a DIFFERENT key (HTTP 409), so this kiosk was not"
                    + " enrolled. Either the id is wrong (check the label on the kiosk: two kiosks must never share"
                    + " an id), or this kiosk was initialised again after its first enrollment. Ask the operator:"
                    + " they can revoke the old registration; do not reuse an id that belongs to another kiosk.");
        }
        if (answer.status() == 400 || answer.status() == 422) {
            throw new ProvisionException(ExitCodes.COLLECTOR_ERROR, "the collector at " + client.base()
                    + " refused the enrollment as invalid (" + answer.errorText() + ").");
        }
        throw CollectorClient.unexpected(answer, "enrollment of " + request.deviceId(), client.base());
    }
}
