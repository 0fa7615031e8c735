/**
 * The menu entries the signed-in user may open, as the frame (basic-layout.tsx) computed them
 * from the route table, handed to the pages through the router's outlet context. The home page
 * shows them as 常用功能 without importing the route table, which lazy-imports the home page:
 * no circle between the two.
 */
import type { ReactNode } from 'react';
import { useOutletContext } from 'react-router-dom';

export interface MenuLink {
  path: string;
  name: string;
  icon?: ReactNode;
}

export interface FrameContext {
  menuLinks: MenuLink[];
}

/** The menu's entries (empty outside the signed-in frame). */
export function useMenuLinks(): MenuLink[] {
  return useOutletContext<FrameContext | undefined>()?.menuLinks ?? [];
}
