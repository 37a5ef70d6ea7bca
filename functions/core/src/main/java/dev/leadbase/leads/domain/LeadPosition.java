package dev.leadbase.leads.domain;

/** Where a list resumes: the sort key and id of the last lead returned, or an offset, and the page number reached. */
public record LeadPosition(int page, String sortKey, String leadId, long offset) {
}
