/** What the abilities API answers, and how other views name an ability: dependency-free, shared with the admin UI. */

/** How other views name an ability. */
export interface AbilityRef {
  id: number;
  key: string;
  nameEn: string;
  nameZh: string;
}

/** GET /abilities[/:id] (the entity's columns). */
export interface AbilityView extends AbilityRef {
  description: string;
  createdAt: Date;
  updatedAt: Date;
}
