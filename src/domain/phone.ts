/** Phone numbers never appear whole in a group: 13812341234 → 138****1234. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return "未登记";
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return "****";
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export function isMobile(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone);
}
