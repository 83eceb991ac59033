// Tests on the real clock run at whatever hour the suite does; at night, quiet hours would
// hold their private messages until 08:00. These turn quiet hours off ("00:00-00:00").
// Tests of quiet hours themselves move a fake clock instead.
export const NO_QUIET_HOURS = { QUIET_HOURS: "00:00-00:00" } as const;
