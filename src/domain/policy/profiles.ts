import type { Profile } from './model';
import { nationalProfile } from './national/profile';
import { beijingProfile } from './beijing/profile';
import { jilinProfile } from './jilin/profile';
import { yunnanProfile } from './yunnan/profile';
import { zizhiquDraftProfile } from './zizhiqu/profile';

/** Every profile, baseline first. */
export const PROFILES: readonly Profile[] = [nationalProfile, yunnanProfile, beijingProfile, jilinProfile, zizhiquDraftProfile];

export function findProfile(id: string): Profile | undefined {
  return PROFILES.find((p) => p.id === id);
}
