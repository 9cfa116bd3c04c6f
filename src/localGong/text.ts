/**
 * Word material for the generated world: names, companies, call vocabulary in several languages,
 * and hostile strings. The hostile strings are exported so UI tests can check that every surface
 * shows them as inert text.
 */

/** Text that must never execute, render as markup, or flip surrounding text when shown. */
export const HOSTILE_SAMPLES = {
  scriptTag: '<script>alert("gong-xss-script")</script>',
  imgOnerror: '<img src=x onerror="alert(\'gong-xss-img\')">',
  svgOnload: '<svg onload=alert(1)><circle r="5"/></svg>',
  iframe: '<iframe src="javascript:alert(\'gong-xss-iframe\')"></iframe>',
  javascriptLink: '<a href="javascript:alert(\'gong-xss-link\')">open the deck</a>',
  dataLink: '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">pricing sheet</a>',
  markdownLink: '[click for the contract](javascript:alert(\'gong-xss-md\'))',
  markdownImage: '![tracking pixel](https://attacker.invalid/pixel.png?leak=1)',
  htmlEntities: 'Q&amp;A &lt;b&gt;not bold&lt;/b&gt; &quot;quoted&quot; &#x3C;script&#x3E; AT&T',
  rtlOverride: 'Invoice for \u202Egpj.exe\u202C from ACME',
  styleTag: '<style>body{display:none}</style>Hidden page?',
  templateInjection: '{{constructor.constructor(\'alert(1)\')()}} ${process.exit()}',
  zeroWidth: 'pay\u200Bpal\u200D.com refund',
} as const;

export type HostileSampleName = keyof typeof HOSTILE_SAMPLES;

export const HOSTILE_LIST: readonly string[] = Object.values(HOSTILE_SAMPLES);

/** Title markers that make the special calls easy to find. */
export const WORKSHOP_MARK = '(2h workshop)';
export const LONG_SENTENCE_MARK = '(very long sentence)';
export const HOSTILE_MARK = '(hostile text)';

export const FIRST_NAMES = [
  'Maya', 'Daniel', 'Priya', 'Tom', 'Aisha', 'Liam', 'Sofia', 'Noah', 'Elena', 'Marcus', 'Yuki', 'Omar',
  'Chloe', 'Ethan', 'Fatima', 'Lucas', 'Grace', 'Mateo', 'Hannah', 'Ravi', 'Isabel', 'Jonas', 'Leah', 'Diego',
  'Amara', 'Felix', 'Nora', 'Kenji', 'Zara', 'Samuel', 'Ingrid', 'Tariq', 'Olivia', 'Hugo', 'Mei', 'Andrés',
  'Björn', 'Chiara', 'Dmitri', 'Émilie', 'Gustavo', 'Hana', 'Ilan', 'Jasmine', 'Kofi', 'Lucía', 'Mohammed', 'Naomi',
];

export const LAST_NAMES = [
  'Okafor', 'Reyes', 'Nair', 'Becker', 'Khan', 'Murphy', 'Rossi', 'Schneider', 'Tanaka', 'Haddad', 'Johansson',
  'García', 'Müller', 'Cohen', 'Silva', 'Nguyen', 'Kowalski', 'Dubois', 'Patel', 'Andersen', 'Fischer', 'Lopez',
  'Yamamoto', 'Levi', "O'Brien", 'Van der Berg', 'Ivanova', 'Mensah', 'Costa', 'Larsen', 'Sato', 'Ben-David',
];

export const REP_TITLES = ['Account Executive', 'Senior Account Executive', 'Sales Development Representative', 'Customer Success Manager', 'Solutions Engineer', 'Enterprise Account Executive'];
export const MANAGER_TITLES = ['Regional Sales Manager', 'Director of Sales', 'Sales Manager', 'Head of Customer Success'];
export const EXEC_TITLES = ['VP Sales', 'Chief Revenue Officer', 'VP Customer Success'];
export const CONTACT_TITLES = ['VP Operations', 'Head of IT', 'CFO', 'Procurement Lead', 'Director of Engineering', 'COO', 'Operations Manager', 'Security Architect', null];

export const COMPANY_NAME = 'Northwind Demo';
export const COMPANY_DOMAIN = 'northwind-demo.com';

export const CUSTOMERS: ReadonlyArray<{ name: string; domain: string; industry: string }> = [
  { name: 'Contoso Freight', domain: 'contoso-freight.example', industry: 'Logistics' },
  { name: 'Fabrikam Health', domain: 'fabrikam-health.example', industry: 'Healthcare' },
  { name: 'Litware Labs', domain: 'litware.example', industry: 'Software' },
  { name: 'Tailspin Toys', domain: 'tailspin.example', industry: 'Retail' },
  { name: 'Wide World Importers', domain: 'wideworld.example', industry: 'Wholesale' },
  { name: 'Adatum Bank', domain: 'adatum.example', industry: 'Financial Services' },
  { name: 'Proseware', domain: 'proseware.example', industry: 'Manufacturing' },
  { name: 'Woodgrove Energy', domain: 'woodgrove.example', industry: 'Energy' },
  { name: 'Alpine Ski House', domain: 'alpineski.example', industry: 'Hospitality' },
  { name: 'Coho Winery', domain: 'cohowinery.example', industry: 'Food & Beverage' },
  { name: 'Lucerne Publishing', domain: 'lucerne.example', industry: 'Media' },
  { name: 'Trey Research', domain: 'treyresearch.example', industry: 'Biotech' },
  { name: 'Constructora Andina', domain: 'andina.example', industry: 'Construction' },
  { name: 'Bergmann Maschinenbau', domain: 'bergmann.example', industry: 'Industrial' },
  { name: 'Sakura Robotics', domain: 'sakura-robotics.example', industry: 'Robotics' },
  { name: 'Galil Systems', domain: 'galil.example', industry: 'Cybersecurity' },
];

export const CALL_KINDS = ['Discovery', 'Demo', 'Intro', 'Pricing review', 'Security review', 'QBR', 'Renewal', 'Negotiation', 'Onboarding', 'Technical deep dive', 'Follow-up', 'Executive alignment'];

export const TOPICS = ['Call Setup', 'Small Talk', 'Current Process', 'Pain Points', 'Product Demo', 'Pricing', 'Security', 'Integrations', 'Timeline', 'Decision Process', 'Competition', 'Next Steps', 'Wrap-up'];

export const STRUCTURE_SECTIONS = ['Intro', 'Agenda', 'Current process', 'Demo', 'Q&A', 'Pricing', 'Next steps'];

export const SYSTEMS_CONFERENCE = ['Zoom', 'Google Meet', 'Microsoft Teams', 'Webex'];
export const SYSTEMS_PHONE = ['RingCentral', 'Aircall', 'Outreach', 'Gong Dialer', 'Dialpad'];

/**
 * English transcript text by call topic (TOPICS), so that what a call says follows what it is about:
 * a word like "pricing" or "procurement" appears in the calls that discuss it, not in every call, the
 * way real transcripts spread their words (a search index over stock sentences said everywhere
 * measures nothing real). Slots filled per call: {competitor}, {competitor2}, {seats}, {day},
 * {month}, {crm}, {percent}, {weeks}, {region}, {customer}.
 */
export const TOPIC_SENTENCES: Record<string, readonly string[]> = {
  'Call Setup': [
    'Thanks for making the time today.', 'Can you hear me okay?', 'Sorry, you cut out for a second there.',
    'Let me share my screen for a second.', 'I have a hard stop at the top of the hour.', 'Is anyone else joining from {customer}?',
    'I sent over an agenda yesterday, did that come through?', 'Should we give it another minute for the others?',
  ],
  'Small Talk': [
    'How was the weekend?', 'Are you still working from the {region} office?', 'The weather has been wild this week.',
    'Did you catch the game on {day}?', 'We just got back from the offsite.', 'I think we met at the conference in {month}.',
  ],
  'Current Process': [
    'Could you walk me through how that works for you right now?', 'Honestly it is mostly spreadsheets at this point.',
    'How many people touch that process every week?', 'Every manager keeps their own tracker.',
    'We export from {crm} every {day} and clean it up by hand.', 'The reporting takes about two days every month.',
    'Nobody trusts the numbers in the dashboard.', 'Most of the handoffs happen over email.',
  ],
  'Pain Points': [
    'We tried a tool like this two years ago and adoption was the problem.', 'What happens if a load gets double-booked today?',
    'It costs us roughly {percent} percent of revenue on those lanes.', 'So if I heard you correctly, the main goal is visibility across regions.',
    'Ramp time for new reps is close to six months.', 'We lose deals in the last week of the quarter and never know why.',
    'Forecast calls are mostly guesswork.', 'Churn in the {region} region doubled last year.',
  ],
  'Product Demo': [
    'Can everyone see the dashboard?', 'This view shows every deal that went quiet in the last {weeks} weeks.',
    'You can filter by region, team or rep.', 'Here is where coaching comments show up.', 'That alert fires when a competitor is mentioned.',
    'Is that on the roadmap for this year?', 'Can it export to PDF for the board deck?', 'How does it handle calls in Spanish?',
  ],
  'Pricing': [
    'What would pricing look like for around {seats} seats?', 'Pricing is per seat, billed annually.',
    'Is there a discount for a multi-year commitment?', 'We would need the pricing in writing before the review.',
    'The list price is above what we budgeted.', 'Can you include implementation in that number?',
    'Budget is approved for this fiscal year.', 'Our fiscal year ends in {month}, so timing matters.',
  ],
  'Security': [
    'I can send over the security questionnaire by {day}.', 'The security review is the main gating step.',
    'We need single sign-on and audit logs, that is non-negotiable.', 'Where is the data hosted?',
    'Legal will want to review the data processing agreement.', 'Do you have a current SOC 2 report?',
    'Our security team will want a call with your engineers.', 'Can we restrict recordings by region?',
  ],
  'Integrations': [
    'The integration with {crm} is native, no middleware needed.', 'Does it sync both ways with {crm}?',
    'We also use Slack for deal alerts.', 'Our admins would set up the field mapping.', 'Is there an API for the call data?',
    'How long does the initial sync take?', 'We have a custom object for renewals.',
  ],
  'Timeline': [
    'We would want to go live before {month}.', 'Onboarding usually takes about {weeks} weeks.',
    'Our fiscal year ends in {month}, so timing matters.', 'The kickoff is planned for the first week of {month}.',
    'If we sign by {day}, can you start the onboarding next month?', 'The rollout would go region by region.',
  ],
  'Decision Process': [
    'Who else needs to be involved in the decision?', 'Let me check with my manager and get back to you.',
    'Procurement will need three quotes.', 'The CFO signs anything over this amount.', 'Legal usually takes two weeks.',
    'We would start with a pilot for one team.', 'The final call is with our VP of sales.',
  ],
  'Competition': [
    'We are also looking at {competitor} and {competitor2}.', 'How are you different from {competitor}?',
    '{competitor} quoted us a lower price.', 'We used {competitor} before and the reporting was weak.',
    'Our team liked the {competitor} demo.', 'Honestly the decision is between you and {competitor}.',
  ],
  'Next Steps': [
    'Okay, so the next step would be a technical deep dive.', 'I will loop in our solutions engineer.',
    'Does {day} at ten work for your team?', 'I will send the proposal by {day}.', 'Can we set up a pilot for one team?',
    'Let us book the follow-up before we drop.', 'I will share the recording and the notes.',
  ],
  'Wrap-up': [
    'Great question.', 'Thanks everyone, this was really helpful.', 'Talk to you on {day}.', 'I will follow up by email.',
    'Appreciate the time today.', 'Have a good rest of your week.',
  ],
};

/** What people say in any part of a call. */
export const TALK_FILLERS: readonly string[] = [
  'That makes sense.', 'Right.', 'Mm-hmm.', 'Yeah, that works.', 'Okay.', 'Got it.', 'Good point.', 'Sure.',
  'Could you say more about that?', 'Let me make a note of that.',
];

export const COMPETITORS: readonly string[] = ['Fabrikam', 'Tailspin', 'Northwind', 'Litware', 'Wingtip', 'Humongous', 'Blue Yonder Analytics', 'Margie\'s Metrics'];
export const CRMS: readonly string[] = ['Salesforce', 'HubSpot', 'Dynamics', 'Zoho'];
export const REGIONS: readonly string[] = ['EMEA', 'APAC', 'North America', 'LATAM', 'Nordics', 'DACH'];
export const WEEKDAYS: readonly string[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
export const MONTHS: readonly string[] = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const SEATS: readonly string[] = ['twenty', 'forty', 'fifty', 'eighty', 'a hundred', 'two hundred', 'five hundred'];

/** Sentences by Gong language code (ISO 639-2/B). */
export const SENTENCES: Record<string, readonly string[]> = {
  eng: [
    'Thanks for making the time today.',
    'Could you walk me through how that works for you right now?',
    'Honestly it is mostly spreadsheets at this point.',
    'How many people touch that process every week?',
    'That makes sense.',
    'Right.',
    'We tried a tool like this two years ago and adoption was the problem.',
    'What would pricing look like for around forty seats?',
    'I can send over the security questionnaire by Friday.',
    'Who else needs to be involved in the decision?',
    'Our fiscal year ends in June, so timing matters.',
    'Let me share my screen for a second.',
    'Can everyone see the dashboard?',
    'The integration with Salesforce is native, no middleware needed.',
    'We are also looking at Fabrikam and Tailspin.',
    'What happens if a load gets double-booked today?',
    'It costs us roughly five percent of revenue on those lanes.',
    'Okay, so the next step would be a technical deep dive.',
    'I will loop in our solutions engineer.',
    'Does Tuesday at ten work for your team?',
    'Yeah, that works.',
    'Sorry, you cut out for a second there.',
    'Legal will want to review the data processing agreement.',
    'We need single sign-on and audit logs, that is non-negotiable.',
    'Great question.',
    'Let me check with my manager and get back to you.',
    'So if I heard you correctly, the main goal is visibility across regions.',
    'Budget is approved for this fiscal year.',
    'The security review is the main gating step.',
    'Mm-hmm.',
  ],
  spa: [
    'Gracias por tomarse el tiempo hoy.',
    '¿Nos puede explicar cómo funciona el proceso actualmente?',
    'Sinceramente, todo está en hojas de cálculo.',
    '¿Cuántas personas participan en la decisión?',
    'El presupuesto ya está aprobado para este año.',
    'Le envío la propuesta el viernes.',
    'Necesitamos integración con Salesforce y acceso con SSO.',
    'Perfecto, ¿le parece bien el martes a las diez?',
    'Claro.',
    'La revisión de seguridad es el paso más importante.',
  ],
  ger: [
    'Vielen Dank, dass Sie sich heute Zeit nehmen.',
    'Können Sie mir kurz den aktuellen Prozess erklären?',
    'Ehrlich gesagt läuft das meiste noch über Excel-Tabellen.',
    'Wer ist außer Ihnen an der Entscheidung beteiligt?',
    'Das Budget für dieses Geschäftsjahr ist freigegeben.',
    'Ich schicke Ihnen den Sicherheitsfragebogen bis Freitag.',
    'Datenschutz und DSGVO sind für uns entscheidend.',
    'Passt Ihnen Dienstag um zehn Uhr?',
    'Genau.',
    'Die Integration mit SAP ist für uns ein Muss.',
  ],
  jpn: [
    '本日はお時間をいただきありがとうございます。',
    '現在の業務の流れを教えていただけますか。',
    '正直なところ、ほとんどスプレッドシートで管理しています。',
    '意思決定には他にどなたが関わりますか。',
    '今年度の予算はすでに承認されています。',
    '金曜日までにセキュリティ質問票をお送りします。',
    'はい、そうですね。',
    '来週の火曜日の十時はいかがでしょうか。',
    'Salesforceとの連携は必須です。',
    '導入までのスケジュールを確認させてください。',
  ],
  heb: [
    'תודה שמצאתם זמן לשיחה היום.',
    'תוכלו להסביר איך התהליך עובד אצלכם היום?',
    'בכנות, רוב העבודה עדיין בגיליונות אלקטרוניים.',
    'מי עוד מעורב בקבלת ההחלטה?',
    'התקציב לשנה הזאת כבר אושר.',
    'אשלח את שאלון האבטחה עד יום שישי.',
    'נכון.',
    'האם יום שלישי בעשר מתאים לכם?',
    'אינטגרציה עם Salesforce היא דרישת חובה.',
    'סקירת האבטחה היא השלב העיקרי.',
  ],
};

/** Spoken-language tag per Gong call language, for users' spokenLanguages. */
export const LANGUAGE_TAGS: Record<string, string> = { eng: 'en-US', spa: 'es-MX', ger: 'de-DE', jpn: 'ja-JP', heb: 'he-IL' };

export const BRIEFS: readonly string[] = [
  '{customer} is evaluating options to replace manual spreadsheets before next quarter. {contact} owns the decision; budget is approved pending a security review.',
  '{customer} wants visibility across regions and asked for a pricing proposal for the full team. Competition: Fabrikam.',
  'Renewal conversation with {customer}. Usage is up 30% but the champion, {contact}, is leaving; we need a new sponsor.',
  '{contact} from {customer} joined for a technical deep dive on integrations and SSO. Open items: audit logs and data residency.',
  'First call with {customer}. Pain: reps spend hours on manual updates. Next step: demo for the wider team.',
];

export const KEY_POINTS: readonly string[] = [
  'Budget approved for this fiscal year.',
  'Security review is the main gating step.',
  'Decision expected before the end of the quarter.',
  'Champion wants a pilot with one region first.',
  'Competitor pricing is roughly 20% lower.',
  'Salesforce integration is a hard requirement.',
  'Legal needs two weeks for the DPA.',
];

export const NEXT_STEPS: readonly string[] = [
  'Send the security questionnaire by Friday.',
  'Schedule a technical deep dive with IT.',
  'Share the pricing proposal for 40 seats.',
  'Introduce the customer success team.',
  'Set up a pilot workspace.',
];

export const COMMENTS: readonly string[] = [
  'Good competitive handling here',
  'Listen to how the objection was reframed',
  'We should have asked about budget earlier',
  'Great discovery question',
  'Let us use this in onboarding',
];
