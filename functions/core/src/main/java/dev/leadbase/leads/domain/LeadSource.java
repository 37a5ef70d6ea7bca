package dev.leadbase.leads.domain;

/** Where a lead came from. */
public enum LeadSource implements WireEnum {
    LINKEDIN, WEBSITE, REFERRAL, IMPORT, API
}
