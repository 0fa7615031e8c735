/** Colours for statuses (the labels come from the server's label maps). valueEnum-style: value → tag colour. */
export const institutionStatusColor: Record<string, string> = {
  applicant: 'processing',
  designated: 'success',
  suspended: 'warning',
  terminated: 'error',
  filed: 'purple',
};
