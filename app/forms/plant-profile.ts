/**
 * The plant-profile form (工厂概况): four radio groups. Markets are one choice among three
 * (B2B / B2C / both) so every field posts one value, with and without JavaScript; the result is
 * checked by the domain's `plantProfileSchema` itself, in the browser and on the server.
 */
import { z } from "zod";
import { plantProfileSchema, type PlantProfile } from "~/domain/questionnaire/profile";

/** The radio values of the markets question and the markets they stand for. */
export const MARKET_CHOICES = { b2b: ["b2b"], b2c: ["b2c"], both: ["b2b", "b2c"] } as const satisfies Record<string, PlantProfile["markets"]>;
export type MarketChoice = keyof typeof MARKET_CHOICES;

export const plantProfileFormSchema = z
  .object({
    // The fields are checked here one by one (so every wrong field gets its message at once), then
    // the profile as a whole by the domain schema.
    productionType: plantProfileSchema.shape.productionType,
    markets: z.enum(["b2b", "b2c", "both"], { error: "profile.errors.markets" }),
    productVariety: plantProfileSchema.shape.productVariety,
    sites: plantProfileSchema.shape.sites,
  })
  .strict()
  .transform((form) => ({ ...form, markets: [...MARKET_CHOICES[form.markets]] }))
  .pipe(plantProfileSchema);

export type PlantProfileForm = z.input<typeof plantProfileFormSchema>;

/** A stored profile as the form's values. */
export function plantProfileFormValues(profile: PlantProfile): PlantProfileForm {
  const markets: MarketChoice = profile.markets.length > 1 ? "both" : profile.markets[0] === "b2c" ? "b2c" : "b2b";
  return { productionType: profile.productionType, markets, productVariety: profile.productVariety, sites: profile.sites };
}
