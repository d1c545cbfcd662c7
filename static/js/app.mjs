// Starts GOV.UK Frontend's components (service navigation menu, skip link, details).
// Every page works without it.
import { initAll } from "../dist/govuk-frontend.min.js";

initAll();
