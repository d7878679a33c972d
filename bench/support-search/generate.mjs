// bench/support-search/generate.mjs: persons the way a German bank's customers look, in set-based SQL on a
// migrated database. Used by run.mjs.
//
// Names: first names and surnames from German, Turkish, Polish, Italian, Greek, Arabic, English and other
// lists (umlauts, ß, Ç, ş, ı, İ, apostrophes, accents); a fifth of the surnames are common ones (skewed to
// the first, so "Müller" is about as frequent as in Germany, ~0.3 %), the rest built from stems and endings
// (thousands of distinct names), 4 % hyphenated double names. Emails from the folded name and a number;
// unique German mobile numbers (+4915…); birth dates 1940–2006. 40 % of the persons have 1–2
// identifications with an IDnow reference (TST-XXXXX, unique).
import { round, withClient } from '../lib/harness.mjs';

const FIRST = `Hans Peter Klaus Jürgen Uwe Günter Jörg Stefan Thomas Michael Andreas Markus Sören Björn Lukas
Jonas Leon Maximilian Felix Paul Emma Mia Hannah Sophie Lea Anna Marie Lena Jana Sabine Ute Ursula Brigitte
Gisela Käthe Jürgen Dörte Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Çağlar Ayşe Fatma Emine
Hatice Zeynep Elif Şule Gül Yıldız Özlem Ümit Ömer Agnieszka Łukasz Małgorzata Wojciech Grzegorz Katarzyna
Giuseppe Giovanni Francesca Chiara Lorenzo Dimitrios Eleni Γιώργος Nikos Konstantinos Mohammed Fatima Youssef
Layla Omar Sean Siobhán Aoife Ciarán James Olivia Noah Jose María José Núñez Zoë Chloé Renée Héloïse François`
  .split(/\s+/)
  .filter(Boolean);
/** Common surnames, most frequent first (their weights fall off as 1/rank). */
const COMMON =
  `Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter
Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause
Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz Möller
Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann Franke
Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß
Seidel Heinrich Brandt Haas Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan
Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek Nowak Kowalski Wiśniewski Wójcik Kamińska Rossi Russo Ferrari
Esposito Bianchi Papadopoulos Παπαδόπουλος O'Brien O'Connor D'Angelo García Martínez López Núñez Smith Jones
Nguyen Al-Sayed Abdullah`
    .split(/\s+/)
    .filter(Boolean);
const STEMS = `Hof Bau Berg Wald Lind Sonn Stein Rosen Eich Buch Brand Feld Gold Kirch Kron Lich Mar Neu Ober
Rein Schön Stadt Tann Wies Kuh Bäck Brück Dörf Gräf Höf Kär Kar Ak Öz Gök Er Tek Ay Dem Bal Yüks Kor Tür Şen`
  .split(/\s+/)
  .filter(Boolean);
const ENDINGS = `mann er ner ler el ke ig haus bach berg feld hardt hofer inger ke städter
wald maier lein ling oğlu can han türk kaya soy demir taş gül er ci çi`
  .split(/\s+/)
  .filter(Boolean);

const arr = (xs) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::text[]`;
const CHUNK = 100_000;

/** Fill `persons` and `identifications`; answers what was written. */
export async function generate(dbUrl, { persons, partners, log }) {
  const started = performance.now();
  await withClient(dbUrl, async (c) => {
    await c.query(`SET synchronous_commit = off`);
    // Without the per-row triggers (identity counts, analytics) the load takes minutes less; needs superuser.
    await c
      .query(`SET session_replication_role = replica`)
      .catch(() => log('triggers stay on (not superuser)'));
    await c.query(
      `INSERT INTO partners (id, name) SELECT 'bench-partner-' || g, 'Bench partner ' || g FROM generate_series(1, $1) g`,
      [partners],
    );
    // The search's indexes are built once after the load (as CREATE INDEX on a filled table would be).
    const { rows: indexes } = await c.query(
      `SELECT indexname, indexdef FROM pg_indexes
        WHERE tablename IN ('persons', 'identifications') AND indexdef NOT LIKE '%UNIQUE%'`,
    );
    for (const i of indexes) await c.query(`DROP INDEX ${i.indexname}`);
    for (let from = 1; from <= persons; from += CHUNK) {
      const to = Math.min(persons, from + CHUNK - 1);
      await c.query(
        `INSERT INTO persons (id, partner_id, salutation, first_name, last_name, email, mobile_number, birth_date,
                              birth_city, nationality, address_line_1, address_city, address_country, created_at)
         SELECT md5('person-' || g) || 'cper', 'bench-partner-' || (1 + g % $3), CASE WHEN g % 2 = 0 THEN 'MS' ELSE 'MR' END,
                fn, ln,
                replace(kyc_search_fold(fn), ' ', '') || '.' || replace(kyc_search_fold(ln), ' ', '') || g || '@'
                  || (ARRAY['example.com','mail.example','post.example','web.example'])[1 + g % 4],
                '+4915' || lpad(g::text, 9, '0'),
                date '1940-01-01' + (abs(hashint4(g * 7)) % 24100),
                'Berlin', 'DE', 'Musterstraße ' || (g % 200), 'Berlin', 'DE',
                now() - (abs(hashint4(g * 11)) % 1000) * interval '1 day'
           FROM (
             SELECT g,
                    (${arr(FIRST)})[1 + abs(hashint4(g)) % ${FIRST.length}] AS fn,
                    CASE WHEN r < 0.04 THEN s1 || '-' || s2 ELSE s1 END AS ln
               FROM (
                 SELECT g, r, ${surname('g * 3')} AS s1, ${surname('g * 5 + 1')} AS s2
                   FROM (SELECT g, (abs(hashint4(g * 13)) % 10000) / 10000.0 AS r FROM generate_series($1::int, $2::int) g) x
               ) y
           ) z`,
        [from, to, partners],
      );
      log(`persons ${to.toLocaleString('en')} / ${persons.toLocaleString('en')}`);
    }
    // 40 % of the persons have an identification, a quarter of those a second, earlier one.
    await c.query(
      `INSERT INTO identifications (id, partner_id, person_id, method, status, language, reference, url,
                                    created_at, updated_at)
       SELECT md5('idt-' || g || '-' || k) || 'cidt', p.partner_id, p.id, 'idnow',
              (ARRAY['successful','successful','successful','aborted','canceled','failed','pending','pending_successful','pending_failed','created'])[1 + abs(hashint4(g * 17 + k)) % 10],
              'DE', 'TST-' || ${base36('(g * 2 + k)')}, 'https://go.example/' || g,
              now() - (k * 30 + abs(hashint4(g)) % 30) * interval '1 day', now() - k * 30 * interval '1 day'
         FROM generate_series(1, $1::int) g
         JOIN persons p ON p.id = md5('person-' || g) || 'cper'
         CROSS JOIN generate_series(0, 1) k
        WHERE g % 10 < 4 AND (k = 0 OR g % 4 = 0)`,
      [persons],
    );
    log('identifications written; building the indexes');
    for (const i of indexes) {
      const t = performance.now();
      await c.query(i.indexdef);
      log(`  ${i.indexname}: ${round((performance.now() - t) / 1000, 1)} s`);
    }
    // The name words of the search (as the persons trigger writes them one by one), set-based.
    const t = performance.now();
    await c.query(`SELECT kyc_index_all_person_names()`);
    log(`  name words: ${round((performance.now() - t) / 1000, 1)} s`);
    await c.query(`VACUUM (ANALYZE) partners, persons, identifications, name_words, person_name_words`);
  });
  const counts = await withClient(dbUrl, async (c) => {
    const { rows } = await c.query(
      `SELECT (SELECT count(*) FROM persons)::int AS persons, (SELECT count(*) FROM identifications)::int AS identifications,
              (SELECT count(DISTINCT last_name) FROM persons)::int AS distinct_surnames,
              (SELECT count(*) FROM persons WHERE last_name = 'Müller')::int AS muller`,
    );
    return rows[0];
  });
  return { ...counts, seconds: round((performance.now() - started) / 1000, 1) };
}

/** A surname for seed `g`: a fifth common (skewed to the first: Müller ~0.3 %), the rest stem + ending. */
function surname(g) {
  const rank = `1 + floor(${COMMON.length} * power((abs(hashint4(${g} + 1)) % 10000) / 10000.0, 1.2))::int`;
  return `CASE WHEN abs(hashint4(${g})) % 5 = 0 THEN (${arr(COMMON)})[${rank}]
               ELSE (${arr(STEMS)})[1 + abs(hashint4(${g} + 2)) % ${STEMS.length}]
                    || (${arr(ENDINGS)})[1 + abs(hashint4(${g} + 3)) % ${ENDINGS.length}] END`;
}

/** Five base-36 characters of an integer expression (unique below 36^5). */
function base36(n) {
  const digits = [4, 3, 2, 1, 0].map(
    (k) => `substr('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', (${n} / ${36 ** k})::int % 36 + 1, 1)`,
  );
  return digits.join(' || ');
}
