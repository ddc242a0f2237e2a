/** Contoso's offices and staff: deterministic, real-looking names per region. */

const names = (list: string) => list.split(",");

export interface Office {
  city: string;
  country: string;
  usageLocation: string;
  pool: keyof typeof NAMES;
  headcount: number;
}

const en = {
  first: names(
    "James,Olivia,Liam,Emma,Noah,Ava,Ethan,Sophia,Mason,Isabella,Lucas,Mia,Logan,Charlotte,Aiden,Amelia,Jackson,Harper,Caleb,Evelyn,Owen,Abigail,Wyatt,Emily,Henry,Ella,Samuel,Grace,Daniel,Chloe",
  ),
  last: names(
    "Smith,Johnson,Brown,Garcia,Miller,Davis,Rodriguez,Martinez,Hernandez,Lopez,Wilson,Anderson,Thomas,Taylor,Moore,Jackson,Martin,Lee,Thompson,White,Harris,Clark,Lewis,Robinson,Walker,Young,Allen,King,Wright,Scott,Tremblay,Gagnon,Kelly,Murphy,O'Brien,Nguyen",
  ),
};

export const NAMES = {
  en,
  gb: {
    first: names(
      "Oliver,Amelia,George,Isla,Harry,Poppy,Jack,Freya,Charlie,Florence,Alfie,Evie,Thomas,Sienna,Arthur",
    ),
    last: names(
      "Hughes,Evans,Roberts,Wood,Turner,Hall,Green,Cooper,Ward,Morgan,Bennett,Price,Bailey,Shaw,Fletcher",
    ),
  },
  de: {
    first: names(
      "Lukas,Anna,Felix,Lena,Jonas,Laura,Maximilian,Sophie,Leon,Marie,Paul,Hannah,Tobias,Julia",
    ),
    last: names(
      "Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Hoffmann,Schäfer,Koch,Richter,Klein,Wolf",
    ),
  },
  fr: {
    first: names("Louis,Camille,Hugo,Chloé,Arthur,Léa,Jules,Manon,Gabriel,Inès"),
    last: names("Bernard,Dubois,Robert,Richard,Petit,Durand,Leroy,Moreau,Lefèvre,Girard,Fontaine"),
  },
  nl: {
    first: names("Daan,Emma,Sem,Julia,Lucas,Tess,Bram,Sanne,Thijs,Fleur"),
    last: names(
      "de Jong,Jansen,de Vries,van den Berg,Bakker,Visser,Smit,Meijer,Mulder,de Boer,Dekker",
    ),
  },
  in: {
    first: names(
      "Aarav,Priya,Vivaan,Ananya,Arjun,Diya,Rohan,Kavya,Aditya,Isha,Karthik,Meera,Siddharth,Neha",
    ),
    last: names("Sharma,Patel,Iyer,Reddy,Nair,Gupta,Rao,Menon,Kulkarni,Joshi,Krishnan,Desai,Bhat"),
  },
  jp: {
    first: names("Haruto,Yui,Sota,Hina,Ren,Aoi,Yuto,Sakura,Kaito,Mio"),
    last: names(
      "Sato,Suzuki,Takahashi,Tanaka,Watanabe,Ito,Yamamoto,Nakamura,Kobayashi,Kato,Yoshida",
    ),
  },
  cn: {
    first: names("Wei,Fang,Jun,Li,Hao,Min,Lei,Xin,Yang,Ying"),
    last: names("Wang,Zhang,Liu,Chen,Huang,Zhao,Wu,Zhou,Xu,Sun,Ma"),
  },
  br: {
    first: names("Miguel,Helena,Arthur,Alice,Heitor,Laura,Bernardo,Manuela,Davi,Valentina"),
    last: names(
      "Silva,Santos,Oliveira,Souza,Pereira,Costa,Rodrigues,Almeida,Nascimento,Lima,Araújo",
    ),
  },
};

export const OFFICES: Office[] = [
  { city: "Redmond", country: "United States", usageLocation: "US", pool: "en", headcount: 70 },
  { city: "New York", country: "United States", usageLocation: "US", pool: "en", headcount: 40 },
  { city: "London", country: "United Kingdom", usageLocation: "GB", pool: "gb", headcount: 30 },
  { city: "Munich", country: "Germany", usageLocation: "DE", pool: "de", headcount: 22 },
  { city: "Paris", country: "France", usageLocation: "FR", pool: "fr", headcount: 18 },
  { city: "Amsterdam", country: "Netherlands", usageLocation: "NL", pool: "nl", headcount: 14 },
  { city: "Bangalore", country: "India", usageLocation: "IN", pool: "in", headcount: 26 },
  { city: "Tokyo", country: "Japan", usageLocation: "JP", pool: "jp", headcount: 16 },
  { city: "Shanghai", country: "China", usageLocation: "CN", pool: "cn", headcount: 14 },
  { city: "São Paulo", country: "Brazil", usageLocation: "BR", pool: "br", headcount: 14 },
  { city: "Toronto", country: "Canada", usageLocation: "CA", pool: "en", headcount: 12 },
  { city: "Sydney", country: "Australia", usageLocation: "AU", pool: "en", headcount: 12 },
];

export const DEPARTMENTS = [
  "Sales",
  "Marketing",
  "Finance",
  "Engineering",
  "Operations",
  "Human Resources",
  "IT",
  "Customer Support",
] as const;
export type Department = (typeof DEPARTMENTS)[number];

const TITLES: Record<Department, string[]> = {
  Sales: [
    "Account Executive",
    "Sales Manager",
    "Sales Development Representative",
    "Sales Analyst",
  ],
  Marketing: [
    "Marketing Specialist",
    "Content Strategist",
    "Product Marketing Manager",
    "Designer",
  ],
  Finance: ["Financial Analyst", "Accountant", "Controller", "Payroll Specialist"],
  Engineering: [
    "Software Engineer",
    "Senior Software Engineer",
    "QA Engineer",
    "Engineering Manager",
  ],
  Operations: [
    "Operations Coordinator",
    "Project Manager",
    "Logistics Planner",
    "Operations Analyst",
  ],
  "Human Resources": ["HR Generalist", "Recruiter", "HR Business Partner", "Learning Specialist"],
  IT: ["Systems Administrator", "Service Desk Analyst", "Network Engineer", "Cloud Architect"],
  "Customer Support": [
    "Support Engineer",
    "Customer Success Manager",
    "Support Specialist",
    "Escalation Engineer",
  ],
};

export interface Person {
  givenName: string;
  surname: string;
  /** ASCII local part of the UPN, e.g. `lena.muller`. */
  alias: string;
  office: Office;
  department: Department;
  jobTitle: string;
  createdDateTime: string;
}

/** ASCII, lower case, no spaces or apostrophes: `Schäfer` → `schafer`, `de Jong` → `dejong`. */
export const asciiAlias = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[^A-Za-z0-9]/g, "")
    .toLowerCase();

const DAY_MS = 86_400_000;
const HIRING_START = Date.UTC(2019, 0, 7, 9, 0, 0);

/** Midnight UTC of the day `asOf` falls on: a demo built at any time that day is the same tenant. */
export const startOfDay = (asOf: Date): Date =>
  new Date(Math.floor(asOf.getTime() / DAY_MS) * DAY_MS);

/** `days` before `day`, at 09:00 UTC, in whole seconds as Graph writes date-times. */
export const daysBefore = (day: Date, days: number): string =>
  new Date(day.getTime() - days * DAY_MS + 9 * 3_600_000).toISOString().replace(".000Z", "Z");

/** Everyone who works at Contoso, office by office; `taken` holds aliases already in use. */
export function contosoStaff(taken: Set<string>): Person[] {
  const people: Person[] = [];
  OFFICES.forEach((office, officeIndex) => {
    const { first, last } = NAMES[office.pool];
    const lastTry = officeIndex * 3 + first.length * last.length;
    for (let j = 0, k = officeIndex * 3; j < office.headcount; k++) {
      if (k > lastTry) throw new Error(`Not enough distinct names for ${office.city}.`);
      const givenName = first[k % first.length] ?? "Alex";
      const surname =
        last[(k * 7 + Math.floor(k / first.length) + officeIndex) % last.length] ?? "Doe";
      const alias = `${asciiAlias(givenName)}.${asciiAlias(surname)}`;
      if (taken.has(alias)) continue;
      taken.add(alias);
      const index = people.length;
      const department = DEPARTMENTS[(index * 3 + officeIndex) % DEPARTMENTS.length] ?? "Sales";
      const titles = TITLES[department];
      people.push({
        givenName,
        surname,
        alias,
        office,
        department,
        jobTitle: titles[index % titles.length] ?? department,
        createdDateTime: new Date(HIRING_START + index * 8 * DAY_MS)
          .toISOString()
          .replace(".000Z", "Z"),
      });
      j++;
    }
  });
  return people;
}
