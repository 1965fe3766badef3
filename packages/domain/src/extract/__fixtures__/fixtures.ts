// The addresses the fixtures stand for: unit tests extract with them, and the extension's e2e tests
// serve each file at its address (context.route), so both see the same page at the same URL.

/** Fixture file name → the real-looking address it is served at. */
export const FIXTURE_URLS: Readonly<Record<string, string>> = {
  "company-page.html": "https://www.northwind-analytics.com/contact",
  "team-page.html": "https://www.brightwater.co.uk/about/team/",
  "speakers.html": "https://revopssummit.com/2026/speakers",
  "event-json-ld.html": "https://www.dataweek.io/",
  "meetup-speakers.html": "https://berlin-robotics.org/speakers",
  "event-microdata.html": "https://www.journees-produit.fr/programme",
  "customer-story.html": "https://www.parcelwise.com/customers/globex",
  "linkedin-profile.html": "https://www.linkedin.com/in/jordan-ellis-0a1b2c3/",
  "obfuscated-emails.html": "https://www.feldmann-architekten.de/kontakt",
  "personal-site.html": "https://mayalindgren.dev/about",
  "local-business.html": "https://harbordentalcare.com/",
  "legal-notice.html": "https://www.hafenlicht.de/impressum",
  "staff-table.html": "https://www.harborschools.org/lakeview/staff",
  "company-overview-ko.html": "https://www.daontech.co.kr/company",
  "rdfa-profile.html": "https://www.fabrikam-robotics.com/leadership/priya-raman",
  "gmail-message.html": "https://mail.google.com/mail/u/0/#inbox/FMfcgzQbdrJtqwerty",
  "outlook-message.html": "https://outlook.office.com/mail/inbox/id/AAQkAGI2TQ",
};
