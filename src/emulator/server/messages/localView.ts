/**
 * The SQL of "what a device has locally" and "what a user has in roaming" for one conversation stream.
 *
 * Local (the device): its own imported/saved messages, plus roaming messages that arrived after the
 * device was first initialised (the SDK syncs them at login) or that it pulled with is_ramble, minus its
 * local deletes and local clear. Roaming (the user): every message of the conversation since the user
 * joined, minus roaming deletes, roaming clear and messages the receive option refused.
 */

/** WHERE fragment over `m` (messages), `d` (dev_msgs of @dev) and `h` (user_hidden of @user). */
export const VISIBLE = `
  coalesce(d.deleted, 0) = 0 AND m.id > @localFloor AND (
    m.local_device = @dev
    OR (m.local_device = 0 AND coalesce(h.kind, 0) <> 1 AND (m.id > @base OR coalesce(d.pulled, 0) = 1))
    OR (@ramble = 1 AND m.local_device = 0 AND h.kind IS NULL AND m.id > @roamFloor)
  )`;

export const FROM_VISIBLE = `
  FROM messages m
  LEFT JOIN dev_msgs d ON d.device_id = @dev AND d.msg = m.id
  LEFT JOIN user_hidden h ON h.user_id = @user AND h.msg = m.id`;

export interface VisibleParams {
  readonly dev: number;
  readonly user: string;
  readonly base: number;
  readonly localFloor: number;
  readonly roamFloor: number;
  readonly ramble: 0 | 1;
}
