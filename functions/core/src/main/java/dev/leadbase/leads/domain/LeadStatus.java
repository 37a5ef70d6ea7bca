package dev.leadbase.leads.domain;

/** Pipeline status of a lead. */
public enum LeadStatus implements WireEnum {
    NEW, CONTACTED, REPLIED, QUALIFIED, CONVERTED, COLD, LOST
}
