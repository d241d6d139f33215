/** Uitgebreid zoeken: a form that writes the query (GET, works without JavaScript, one column on a phone). */
import { DOCUMENT_KINDS } from '../../domain/index.js';
import type { AdvancedFields } from '../../service/search-form.js';
import { Layout, kindLabel } from './layout.js';

export interface AdvancedSearchProps {
  fields: AdvancedFields;
  error?: string | undefined;
}

function Text({ name, label, hint, value, type = 'text' }: { name: keyof AdvancedFields; label: string; hint?: string; value: string; type?: string }) {
  return (
    <label>
      {label}
      {hint ? <span class="hint">{hint}</span> : null}
      <input type={type} name={name} value={value} />
    </label>
  );
}

export function AdvancedSearchPage({ fields: f, error }: AdvancedSearchProps) {
  return (
    <Layout title="Uitgebreid zoeken">
      <h1>Uitgebreid zoeken</h1>
      <p class="intro">Vul in wat u weet; kamerlens schrijft er een zoekopdracht van en toont die boven de resultaten, zodat u haar kunt aanpassen of bewaren.</p>
      {error ? (
        <div class="error" role="alert">
          <strong>Dit kan ik niet zoeken.</strong> {error}
        </div>
      ) : null}
      <form class="advanced" action="/search/uitgebreid" method="get">
        <fieldset>
          <legend>Woorden</legend>
          <Text name="woorden" label="Alle woorden" hint="elk woord moet voorkomen (ook andere vormen en samenstellingen)" value={f.woorden} />
          <Text name="zin" label="Precies deze woordgroep" hint="de woorden achter elkaar, bijv. Cyber Resilience Act" value={f.zin} />
          <Text name="een" label="Minstens één van deze woorden" value={f.een} />
          <Text name="geen" label="Geen van deze woorden" value={f.geen} />
        </fieldset>
        <fieldset>
          <legend>Filters</legend>
          <label>
            Soort document
            <select name="soort">
              <option value="" selected={f.soort === ''}>alle soorten</option>
              {DOCUMENT_KINDS.map((k) => (
                <option value={k} selected={f.soort === k}>{kindLabel(k)}</option>
              ))}
            </select>
          </label>
          <Text name="partij" label="Partij" hint="die vragen stelde, bijv. VVD" value={f.partij} />
          <Text name="persoon" label="Persoon" hint="ondertekenaar of indiener, ook een deel van de naam" value={f.persoon} />
          <Text name="commissie" label="Commissie" hint="naam of afkorting, bijv. DiZa" value={f.commissie} />
          <Text name="dossier" label="Kamerstukdossier" hint="bijv. 21501-33" value={f.dossier} />
          <div class="period">
            <Text name="van" label="Vanaf" type="date" value={f.van} />
            <Text name="tot" label="Tot en met" type="date" value={f.tot} />
          </div>
          <label>
            Volgorde
            <select name="sorteer">
              <option value="" selected={f.sorteer === ''}>best passend</option>
              <option value="datum" selected={f.sorteer === 'datum'}>nieuwste eerst</option>
              <option value="oudste" selected={f.sorteer === 'oudste'}>oudste eerst</option>
            </select>
          </label>
        </fieldset>
        <button type="submit">Zoek</button>
      </form>
    </Layout>
  );
}
