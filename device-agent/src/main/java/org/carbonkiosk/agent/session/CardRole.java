package org.carbonkiosk.agent.session;

/**
 * Who presented a card, by the role set at provisioning: a resident deposits; a service card
 * (a technician's or hauler's, listed in {@code identity.dir/service-cards}) opens the door to
 * empty the bin, is recorded as {@code bin-emptied} and never earns credit or claw plays.
 */
public enum CardRole {
    RESIDENT,
    SERVICE
}
