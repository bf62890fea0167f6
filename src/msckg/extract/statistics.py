"""Statistics written in result sentences, each with its exact text and offsets.

Forms read: "18.68 (SD = 7.26, n = 41)", "10.83±4.63", "1.24±1.09 mg", "-10.8% (95% CI: -20.7%,
-1.5%, p = 0.030)", "HR 1.58, 95% CI 1.06-2.37", "ES = 0.83", "p < 0.01" (a bound, never a value),
"P all <0.05", "38 out of 41", "92.7% (38 out of 41 patients)", "14/40, 35.0%", "12 of 20 (60%)",
"70 (65.4%)", bare percentages, "median ... was 14 days", "no adverse events were observed"
(a count of 0) and "none in the placebo group" (a proportion of 0).

Why these rules: a number's kind is decided by the words around it, and the rules never upgrade
it: "x ± y" with no named statistic stays central-value / plus-minus; "SD" makes a mean only
when the sentence says "mean". Numbers are `Decimal` from their digits. Statistics come in
groups: a value-bearing group (a mean with its SD and n, a proportion, a difference with its CI)
and the p-values and effect sizes that qualify it, placed later by `msckg.extract.results`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from msckg.ctgov.lexicon import NUMBER_WORDS_RE, fold, number_word

# "1,240 pg/mL": thousands separated by commas (three digits after each comma, no space)
NUM = r"(?<![\w.,])[+-]?(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d+)(?:\.\d+)?"
UNIT = (r"(?:percentage\s+points?|%|[x×]\s*10\s*(?:\^\s*|\(\s*)?(?:9|12)\)?\s*/\s*[Ll]|[µμu]g/g|[µμu]g/m[Ll]|U/m[Ll]|mg/d[Ll]|mg/[Ll]|g/[Ll]|g/d[Ll]|mmol/[Ll]|[µμ]mol/[Ll]|umol/[Ll]|[pn]mol/[Ll]|ng/m[Ll]|pg/m[Ll]|U/[Ll]|IU/[Ll]|m[Ll]/min(?:(?:/|\s+per\s+)1[.·]73\s?m[2²])?|mm\s?Hg|"
        r"mg/24\s?h|mg/g|letters|logMAR|dB|[µμu]m|kPa|bpm|seconds|episodes|nV/deg²|°|degrees?|"
        r"(?:[cm]m[²³]|mg|g|kg|mm|cm|mL|L|points?|days?|weeks?|months?|years?|hours?|h|minutes?|min|ms|m|sec|s)"
        r"(?:/(?:month|week|day|year|min|h|kg|m2|m²|L|dL|mL|s|cm)){0,2})(?:\s+per\s+(?:year|month|week|day))?(?![A-Za-z0-9])")  # "mg/kg/day", "... per year"
# units a measured value has (not doses, times or percentages): a bare "865 pg/mL" is a result
MEASURE_UNIT = (r"(?:[x×]\s*10\s*(?:\^\s*|\(\s*)?(?:9|12)\)?\s*/\s*L|[µμu]g/g|[µμu]g/mL|U/mL|mg/dL|mg/L|g/L|g/dL|mmol/L|[µμ]mol/L|umol/L|[pn]mol/L|ng/mL|pg/mL|U/L|IU/L|"
                r"mL/min(?:(?:/|\s+per\s+)1[.·]73\s?m[2²])?|mm\s?Hg|mg/24\s?h|mg/g|points)(?![A-Za-z0-9/])")
_W = NUMBER_WORDS_RE
# "no serious adverse event attributable to the cells": one zero count, named by its own words
_NO_NP = (r"no\s+(?:[\w-]+\s+|,\s*){0,5}?(?:adverse\s+(?:drug\s+)?(?:events?|reactions?)|AEs?|"
          r"serious\s+adverse\s+events?|SAEs?|toxicit(?:y|ies)|side[- ]effects?|complications?|deaths?)(?:\s*\([A-Za-z]+\))?"
          r"(?:\s+(?:related|attributable|attributed|due)\s+to\s+(?:the\s+)?[\w-]+)?")
# "no significant difference was observed", "no patient developed ...": not a count of events
_EVENT_WORD = re.compile(r"(?i:\b(?:adverse|SAEs?|AEs?|reactions?|complications?|infections?|toxicit\w*)\b)")
_NOT_COUNTED = re.compile(r"(?i:\b(?:differences?|changes?|significan\w*|improvements?|correlations?|effects?|"
                          r"associations?|increases?|decreases?|patients?|participants?|subjects?|one|cases?|"
                          r"evidence|signs?|trend)\b)")
# "mean (SD)", "median [IQR]" stated once for the values of the sentence
# "The mean ICIQ-SF score improved from 15.8 (3.2) at baseline to 9.6 (4.9)": a mean's trajectory, its SD in parentheses
_MEAN_FROM = re.compile(r"(?i:\bmean\b(?![^.;]*\bmedian\b)[^.;()]{0,80}?\bfrom\s*$|\bmean\b(?![^.;]*\bmedian\b)[^.;()]{0,80}?"
                        r"\bfrom\s+[-−]?\d+(?:\.\d+)?\s*\(\s*\d+(?:\.\d+)?\s*\)[^.;()]{0,40}?\bto\s*$)")
# not the JAMA's "(mean [SD] age, 36.2 [10.4] years; ...)": the header of the people's description only
_HDR_MSD = re.compile(r"(?i:\bmean\s*[(\[]\s*(?:SD|s\.d\.|standard deviation)\s*[)\]](?!\s*,?\s*(?:age|BMI|body\s+mass|weight|"
                      r"height|disease\s+duration|duration\s+of)\b))")
# "Mean (SEM) 90 min stimulated C-peptide was 1.12 (0.11) vs 0.74 (0.09)": means, each with a spread that is no SD
_HDR_MSEM = re.compile(r"(?i:\bmean\s*[(\[]\s*(?:SEM|SE|s\.e\.m\.|standard error)\s*[)\]])")
_HDR_MEDIAN = re.compile(r"(?i:\bmedian\s*[(\[]\s*(?:IQR|interquartile range|range)\s*[)\]])"
                         r"|\bM\s*[(（]\s*(?:P25|Q1)\s*[,，]\s*(?:P75|Q3)\s*[)）]")  # a Chinese journal's "TB [M (P25, P75)]"
_PEOPLE_WORDS = r"(?:patients?|participants?|subjects?|cases|recipients|children|infants|controls|eyes?|knees?)"
# "84 days in the control group" is a value with its unit, not a count of events
_NOT_EVENT = (rf"(?:{_PEOPLE_WORDS}|patient|(?:hours?|days?|weeks?|months?|years?|points?|times|cells|mg|g|kg|mm|"
              r"cm|mL|L|ng|pg|IU|U|m|min|h|sessions?|injections?|infusions?|doses?|lesions?)\b)")
_PAIR_OF = rf"(?P<num>\d+|{_W})\s+(?:out\s+)?of\s+(?:the\s+)?(?P<den>\d+|{_W})"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # a poster's "8.1 weeks (60M) vs 6.3 weeks (120M)": each value with its arm in parentheses after it
    ("paren_arms", re.compile(
        rf"(?P<a>{NUM})\s*(?P<u>{UNIT})?\s*\(\s*(?P<arm>[A-Za-z0-9][\w+ -]{{0,24}}?)\s*\)\s+(?:vs\.?|versus)\s+"
        rf"(?P<b>{NUM})\s*(?P=u)?\s*\(\s*(?P<arm2>[A-Za-z0-9][\w+ -]{{0,24}}?)\s*\)")),
    ("ci", re.compile(
        rf"(?P<est>{NUM})(?!\s*%\s*(?:CI|C\.I\.|confidence))\s*(?P<eu>{UNIT})?\s*(?:[(\[,;]\s*|\s)\s*"
        rf"(?:(?:IC\s*)?(?P<lvl>\d{{2}}(?:\.\d)?)\s*%\s*)?(?:CI|C\.I\.|confidence interval|(?<=IC\s\d\d%)|(?<=IC\d\d%))"
        rf"(?:\s*\[CI\])?\s*(?:[:=,]|was|of)?\s*\[?\s*"  # the Annals' "[CI, 0.18 to 0.84 nmol/L]": its CIs are 95%
        rf"(?P<lo>{NUM})\s*%?\s*(?:{UNIT}\s*)?(?:,|;|to|-|–|—)\s*(?P<hi>{NUM})\s*%?")),  # "[−2,6; −0,4]"
    # "-174.9 mL (-251.3 to -98.5)" after a "95% CI" stated earlier in the sentence: the same kind of interval
    ("ci_again", re.compile(rf"(?P<est>{NUM})\s*(?P<eu>{UNIT})?\s*(?:[(\[]\s*(?P<lo>{NUM})\s*%?\s*(?:to|–|—|-)\s*(?P<hi>{NUM})\s*%?\s*"
                            rf"(?=[)\];,])|\[\s*(?P<lo2>{NUM})\s*,\s*(?P<hi2>{NUM})\s*\](?=\s*[;,)]))")),  # "1.6 m/s [0.4, 2.8]"
    # "-1.8 (SD 5.9) versus -4.6 (6.3; p=0.10)": the second spread after an "SD" stated for the first
    ("sd_again", re.compile(rf"(?P<v>{NUM})\s*(?P<u>{UNIT})?\s*[(\[]\s*(?P<sd>{NUM})\s*(?P<u2>{UNIT})?\s*(?=[;,)\]])")),
    ("hdr_msd", re.compile(  # "88·2 [9·6]" under "(mean [SD])"
        rf"(?P<v>{NUM})\s*(?P<u>{UNIT})?\s*(?P<o>[(\[])\s*(?P<sd>{NUM})\s*(?P<u2>{UNIT})?\s*(?(o)[)\]])")),
    ("hdr_median", re.compile(
        rf"(?P<v>{NUM})\s*(?P<u>{UNIT})?\s*[(\[]\s*{NUM}\s*(?:-|to|–|,)\s*{NUM}\s*(?P=u)?\s*[)\]]")),
    ("paren_vsd", re.compile(
        rf"\(\s*(?P<v>[+-]?\d+(?:\.\d+)?)\s*(?P<u>{UNIT})?\s*[,;]\s*(?:SD|s\.d\.)\s*[=:]?\s*(?P<sd>{NUM})\s*"
        rf"(?P<u2>{UNIT})?\s*\)")),
    ("msd", re.compile(
        rf"(?P<v>{NUM})\s*(?P<u>{UNIT})?\s*[(\[]\s*(?:SD|s\.d\.|standard deviation)\s*[=:,]?\s*(?P<sd>{NUM})\s*"
        rf"(?P<u2>{UNIT})?(?:\s*[,;]\s*n\s*=\s*(?P<n>\d+))?\s*[)\]]")),  # "(SD 4·6)", the Lancet's "[SD 4·6]"
    # "48.2 m (SEM 9.1)", "−0.41 (SE 0.12)": a value with its standard error, a spread that is no SD
    ("msem", re.compile(
        rf"(?P<v>{NUM})\s*(?P<u>{UNIT})?\s*[(\[]\s*(?:SEM|SE|s\.e\.m\.|s\.e\.|standard error)\s*[=:,]?\s*(?P<s>{NUM})\s*"
        rf"(?P<u2>{UNIT})?\s*[)\]]")),
    ("iqr", re.compile(
        # "(range <0.01–0.09)": a bound below the assay's limit may open the range
        rf"(?P<v>{NUM})\s*(?P<u>{UNIT})?\s*[(\[]\s*(?P<what>IQR|interquartile range|range|Q1\s*[,–-]\s*Q3)\s*[:=,]?\s*<?\s*"
        rf"{NUM}\s*(?P=u)?\s*(?:-|to|–|,)\s*"
        rf"{NUM}\s*(?P=u)?\s*[)\]]")),
    # "612 µm (±148)", "9.4 letters (±11.2)": the spread in brackets after the value and its unit
    ("pm", re.compile(rf"(?P<v>{NUM})\s*(?P<pc>%|°)?\s*(?P<u>{UNIT})?\s*\(\s*(?:±|\+/-)\s*(?P<s>{NUM})\s*(?:%|°|{UNIT})?\s*\)")),
    ("pm", re.compile(rf"(?P<v>{NUM})\s*(?P<pc>%|°)?\s*(?:±|\+/-|\+-)\s*(?P<s>{NUM})(?:\s*(?P<u>{UNIT}))?")),
    ("from_to", re.compile(
        rf"(?i:\bfrom\s+(?:(?:a|an|the)\s+)?(?:(?P<kw>median|mean)\s+(?:of\s+)?)?)(?P<a>{NUM})\s*(?P<u>{UNIT})?\s+"
        rf"(?:(?:at|before)\s+[\w-]+\s+)?to\s+(?P<b>{NUM})(?![\d.]|\s*(?:±|\+/-|\(\s*(?:SD|s\.d\.|IQR|range)))\s*(?P<u2>{UNIT})?")),
    ("prop_pct_paren", re.compile(
        rf"(?P<pct>{NUM})\s*%\s*\(\s*(?P<num>\d+|{_W})\s*(?:/|out of|of)\s*(?P<den>\d+)(?:\s+[a-z]+)?\s*\)")),
    ("prop_of_pct", re.compile(  # "seven of the 22 MSC-treated patients (31.8%)"
        rf"(?i:(?<![\w.-]){_PAIR_OF})(?:\s+[A-Za-z][\w-]*){{0,3}}?\s*\(\s*(?P<pct>{NUM})\s*%\s*(?:\)|(?=[;,]))")),
    ("prop_pct_slash", re.compile(
        rf"(?P<pct>{NUM})\s*%\s*[,;]\s*(?P<num>\d+)\s*/\s*(?P<den>\d+)(?![\w./])")),
    ("prop_slash_pct", re.compile(
        rf"(?<![\w./])(?P<num>\d+)\s*/\s*(?P<den>\d+)(?:\s*,\s*|\s*\(\s*)(?P<pct>{NUM})\s*%\)?")),
    ("prop_slash_pct", re.compile(  # "12/18 patients (66.7%)"
        rf"(?<![\w./])(?P<num>\d+)\s*/\s*(?P<den>\d+)(?:\s+[A-Za-z][\w-]*){{1,2}}?\s*\(\s*(?P<pct>{NUM})\s*%\s*\)")),
    ("prop_of", re.compile(rf"(?i:(?<![\w.-]){_PAIR_OF})(?![\w.%])")),  # not "one" of "Thirty-one"
    ("prop_slash", re.compile(r"(?<![\w./])(?P<num>\d+)\s*/\s*(?P<den>\d+)(?![\w./])")),
    ("count_pct_of", re.compile(
        rf"(?i:(?<![\w.#])(?P<num>\d+|{_W})(?:\s+[a-z-]+){{0,2}}?\s*\(\s*(?P<pct>{NUM})\s*%\s*\)\s+of\s+(?:the\s+)?(?P<den>\d+))")),
    ("count_pct_paren", re.compile(
        rf"(?i:\(\s*(?P<num>\d+|{_W})\s+(?:[a-z-]+\s+)?(?:patients|participants|subjects|cases|eyes|knees|joints|"
        rf"lesions|ulcers|wounds|teeth|limbs|feet|hands|fistulas)?\s*[,;]\s*(?P<pct>{NUM})\s*%\s*\))")),
    ("count_pct_group", re.compile(  # "in 28 cases of observation group (66.7%)"
        rf"(?i:(?<![\w.#])(?P<num>\d+|{_W})\s+{_PEOPLE_WORDS}\s+(?:of|in)\s+(?:the\s+)?(?P<arm>[\w-]+)\s+(?:group|arm)\s*"
        rf"[(\[]\s*(?P<pct>{NUM})\s*%\s*[)\]])")),
    ("count_pct", re.compile(  # "one patient given sham (6.3%)"
        rf"(?i:(?<![\w.#])(?P<num>\d+|{_W})(?:\s+[a-z-]+){{0,3}}?\s*[(\[]\s*(?P<pct>{NUM})\s*%\s*(?:[)\]]|(?=;[^()]*\))))")),
    # the Lancet's "(difference 28·7 m, 4·6 to 52·8; p=0·020)", "(hazard ratio 0·41, 0·21 to 0·80)": an estimate and
    # its interval after a comma, "95% CI" said once before
    ("named_ci_comma", re.compile(
        rf"(?P<name>\b(?i:(?:adjusted\s+)?(?:mean\s+|median\s+|risk\s+|absolute\s+|between-group\s+)?difference|"
        rf"hazard\s+ratio|odds\s+ratio|risk\s+ratio|rate\s+ratio|relative\s+risk|ratio\s+of\s+(?:geometric\s+)?means)|\bHR|\bOR|\bRR)\b\s*(?i:of|=|:|was)?\s*"
        rf"(?P<v>{NUM})(?:\s*%|\s+[^\s,;()\d][^\s,;()]{{0,13}})?\s*,\s*(?P<lo>{NUM})\s*(?:to|–|—)\s*(?P<hi>{NUM})(?![\d.])")),
    # "HR 0.55 (0.18-1.64)": a ratio with its interval in parentheses, the level unstated (95% by convention)
    ("effect_ci", re.compile(
        rf"\b(?P<name>(?i:hazard ratio|odds ratio|risk ratio|(?:incidence\s+)?rate ratio|relative risk)|HR|OR|RR|IRR)\b\s*(?i:of|=|:|was|,)?\s*"
        rf"(?P<v>{NUM})\s*\(\s*(?P<lo>{NUM})\s*(?:-|–|to)\s*(?P<hi>{NUM})\s*\)")),
    ("effect", re.compile(
        # the abbreviations in capitals only: "or 1.8 × 10^7 cells" is not an odds ratio
        rf"\b(?P<name>(?i:effect size|Cohen'?s\s+d|Hedges'?\s*g|hazard ratio|odds ratio|risk ratio|(?:incidence\s+)?rate ratio|"
        # "(ratio 0.82, 95% CI ...)"; APA's Cohen's "p = .034, d = 0.59"
        rf"relative risk|geometric mean ratio|ratio of (?:geometric )?means|(?:(?<=\()|(?<=\[)|(?<=; ))ratio)|ES|HR|OR|RR|IRR"
        rf"|(?<=, )d(?=\s*=\s*\d))\b"
        rf"(?:\s*\[\s*(?:HR|OR|RR)\s*\])?\s*(?i:of|=|:|was|,)?\s*(?P<v>{NUM})")),
    ("p", re.compile(
        r"(?i:(?<![A-Za-z])(?:(?P<pre>all|both|each)\s+)?(?:log-?rank\s+)?p(?:\s*-?\s*values?)?"
        r"(?:\s+(?P<all>all|for all|both))?\s*(?P<rel><=|>=|≤|≥|=|<|>|\bof\b)\s*(?P<v>0?\.\d+|[01](?:\.0+)?)(?!\d|\.\d)"
        r"(?P<each>\s+for\s+(?:each|all|both)\b)?)")),  # "(P < .001 for each)"
    # "The mean 6MWD was 34 m longer after UC-MSC treatment (95% CI, -3 to 71 m; P = .07)": a between-arm difference
    ("dir_ci", re.compile(
        rf"(?i:(?<![\w.])(?P<v>{NUM})\s*(?P<u>{UNIT})?\s+(?:longer|shorter|higher|lower|greater|smaller|larger)\s+"
        rf"(?:after|with|in|among|for)\s+[^().;]{{1,50}}?\(\s*(?:(?P<lvl>\d{{2}})\s*%\s*)?CI\s*[,:]?\s*"
        rf"(?P<lo>{NUM})\s*(?:to|–|—)\s*(?P<hi>{NUM}))")),
    ("keyword_value", re.compile(
        # "Mean declines in forced vital capacity (FVC) % predicted at week 52 were 3.2, ...": an abbreviation, "% predicted"
        rf"(?i:\b(?P<kw>median|mean)\b(?:[^.;()%±]|\([A-Za-z][\w-]{{0,9}}\)|%\s*predicted\b){{0,80}}?\b(?:was|were|of|=|:|is)\s*)"
        rf"(?P<v>{NUM})\s*(?P<u>{UNIT})?")),
    # "had partly returned by 12 months (median 35, range 18-60; p = 0.09)"
    ("keyword_value", re.compile(rf"(?i:(?<=\()\s*(?P<kw>median|mean)\s+)(?P<v>{NUM})\s*(?P<u>{UNIT})?(?=\s*[,;])")),
    ("zero", re.compile(
        rf"(?i:\b(?P<chain>{_NO_NP}(?:\s*,?\s*(?:and|or)\s+{_NO_NP})*)"
        r"(?:\s+(?:was|were|has been|have been))?"
        # "No deaths were considered related to treatment", "... were assessed by investigators as related to DCX-201"
        r"(?:\s+(?:considered|judged|deemed|thought|assessed(?:\s+by\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2})?\s+as))?"
        r"\s+(?:observed|occurred|reported|noted|seen|recorded|found|"
        r"related|attributed|attributable))")),
    # "There were no infusion-related adverse events."
    ("zero_there", re.compile(r"(?i:\bthere\s+(?:were|was|had\s+been)\s+no\s+(?:cases?\s+of\s+)?(?P<what>[\w-]+(?:\s+[\w-]+){0,5}?)"
                              r"(?=\s*(?:[.;,(]|$|\s+(?:in|among|during|after|at|within|related|attributable|and\s+no)\b)))")),
    # "No patient in the UC-MSC group developed hepatic decompensation", "no patient required hospitalization for ..."
    ("zero_subject", re.compile(
        # "No WJ-MSC-treated eye developed ...": the arm in the subject's own words
        r"(?i:\bno\s+(?:(?P<arm2>[\w-]+?)-treated\s+|treated\s+)?"
        r"(?:patients?|participants?|subjects?|children|infants|recipients?|women|men|eyes?|knees?|joints?|limbs?)\s+"
        r"(?:(?:in|of)\s+the\s+(?P<arm>[\w-]+(?:\s+[\w-]+)?)\s+(?:group|arm|cohort)\s+)?"
        r"(?:developed|had|experienced|required|suffered|needed)\s+(?:an?\s+)?"
        r"(?P<what>[^.;,()]{3,70}?)(?=\s*(?:[.;,(]|$|\s+(?:during|within|but|whereas|while)\b)))")),
    ("zero_any", re.compile(
        # "no meningitis, tumour formation or syrinx enlargement was seen": one count for the list
        r"(?i:\bno\s+(?P<what>[\w-]+(?:(?:\s*,\s*|\s+)(?:(?:or|and)\s+)?[\w-]+){0,10}?"
        r"(?:\s+(?:related|attributable|attributed|due)\s+to\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)?)"
        r"(?:\s+(?:was|were|has been|have been))?\s+"
        r"(?:observed|occurred|reported|noted|recorded|developed|seen|found)\b)")),
    # "MSC infusions were well tolerated, with no infusion-related reactions"; "No treatment-related SAEs in either group"
    ("zero_with", re.compile(
        r"(?i:(?:\bwith\s+|^\s*)no\s+(?P<what>(?:[\w-]+\s+){0,4}?(?:adverse\s+(?:events?|reactions?)|reactions?|SAEs?|AEs?|"
        r"complications?|infections?|deaths?|toxicit(?:y|ies)))\b(?=\s*(?:[.;,]|$|\s+(?:in|during|after|among)\b)))")),
    ("count_subject", re.compile(
        rf"(?i:(?<![\w.#-])(?P<num>{_W}|\d+)\s+(?:[\w-]+\s+)?(?:patients?|participants?|subjects?|infants?|children|cases|"
        r"recipients?|women|men|girls|boys)\b"
        r"(?P<mid>[^.;,()]{0,40}?)\s+(?:had|developed|experienced|suffered|(?:was|were)\s+(?:hospitali[sz]ed|admitted)\s+"
        r"(?:for|with))\s+(?:an?\s+)?"
        r"(?P<what>[^.;()]{3,60}?)(?=\s*(?:[.;(]|$|\s+(?:during|after|at|within|on|in|but|and|which|that)\b)))")),
    # "4 patients (22%) reported transient pain ... and one had a minor abdominal haematoma": the people left unsaid
    ("count_subject", re.compile(
        rf"(?i:(?<=\band\s)(?P<num>{_W}|\d+)(?P<mid>)\s+(?:had|developed|experienced|suffered|reported)\s+(?:an?\s+)?"
        r"(?P<what>[^.;()]{3,60}?)(?=\s*(?:[.;(]|$|\s+(?:during|after|at|within|on|in|but|and|which|that)\b)))")),
    # "Infusion-related reactions were limited to headache (n=3) and low-grade fever (n=2)"
    ("count_n", re.compile(r"(?i:\b(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)\s*\(\s*n\s*=\s*(?P<num>\d+)\s*\))")),
    # "There were three deaths in the control group (and one in the MSC group)"
    # "Local infection occurred on 1 treated and 2 control hands": a within-patient trial's two counts, one noun
    ("count_sites", re.compile(
        rf"(?i:\b(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,3}}?)\s+(?:occurred|developed|appeared|was\s+(?:seen|observed|noted))\s+"
        rf"(?:on|in)\s+(?P<num>{_W}|\d+)\s+(?P<arm>treated|test)\s+and\s+(?P<num2>{_W}|\d+)\s+(?P<arm2>control|untreated)\s+"
        r"(?:hands|feet|legs|sides|sites|eyes|knees|areas|wounds|ulcers|lesions|joints|limbs)\b)")),
    ("count_arm", re.compile(
        rf"(?i:(?<![\w.#±/-])(?P<num>{_W}|\d+)\s+"
        rf"(?P<what>(?!{_NOT_EVENT}\s+(?:in|among)\s)[a-z][\w-]*(?:\s+(?!in\b)[a-z][\w-]*){{0,2}}?)"
        r"\s+(?:in|among)\s+the\s+(?P<arm>[\w-]+(?:\s+[\w-]+)?)\s+(?:group|arm)\b)")),
    # "post-lumbar-puncture headache in 9 IT-treated patients", "fever in 3 patients of the IV group"
    ("count_in", re.compile(
        rf"(?i:\b(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,3}}?)\s+in\s+(?P<num>{_W}|\d+)\s+"
        rf"(?:(?P<arm>[\w-]+?)-treated\s+|(?!{_PEOPLE_WORDS}\b)[a-z][\w-]*\s+)?{_PEOPLE_WORDS}\b"
        r"(?:\s+(?:of|in)\s+(?:the\s+)?(?P<arm2>[\w-]+)\s+(?:group|arm)\b)?)"
        r"(?!(?:\s+(?:of|in)\s+(?:the\s+)?[\w-]+\s+(?:group|arm))?\s*(?:\(\s*[\d.]+\s*%|,?\s*respectively))")),
    # "one serious adverse event (pneumonia, 2 × 10^6 group) was judged unrelated"
    ("count_event", re.compile(
        rf"(?i:(?<![\w.#±/-])(?P<num>{_W}|\d+)\s+(?P<what>(?:(?:serious|severe|treatment-related|drug-related|"
        r"cell-related|unexpected|grade\s*[345])\s+)*(?:adverse\s+(?:events?|reactions?)|SAEs?|AEs?|deaths?))\b"
        r"(?!\s+(?:in|among|of)\s+(?:\d|the\b)))")),
    # "Symptomatic hypoglycaemia was reported by five patients in the hUC-MSC group (and two in the placebo group)"
    ("count_by", re.compile(
        rf"(?i:\b(?:reported|observed|seen|noted|recorded|experienced)\s+(?:by|in)\s+(?P<num>{_W}|\d+)\s+"
        rf"{_PEOPLE_WORDS}\s+(?:in|of)\s+the\s+(?P<arm>[\w-]+(?:\s+[\w-]+)?)\s+(?:group|arm)\b)")),
    # after the event counts, so that "two reactions in the A group and none in the B group" is one form
    ("none", re.compile(r"(?i:\bnone\s+(?:in|of)\s+the\s+(?P<arm>[\w-]+(?:\s+[\w-]+)?)\s+(?:group|arm|patients|participants))")),
    # "did not differ between groups at 24 months (84.5 vs 80.2, P = 0.19)": two bare values compared
    # "(7.1 vs 7.6; P = .41)", "(mean, 7.1 vs 7.6; P = .41)"
    # "(least squares [LS] mean [SE], -4.8 [1.3] vs. -0.9 [1.4])": two means, each with a standard error (no field)
    ("paren_vs", re.compile(rf"(?i:\(\s*(?:least\s+squares\s+(?:\[LS\]\s+|\(LS\)\s+)?|LS\s+)?(?P<kw>mean)\s*[\[(]\s*(?:SE|SEM)\s*[\])]\s*[,:]\s*"
                            rf"(?P<a>{NUM})\s*[\[(]\s*{NUM}\s*[\])]\s*(?:vs\.?|versus)\s+(?P<b>{NUM})\s*[\[(]\s*{NUM}\s*[\])])")),
    ("paren_vs", re.compile(rf"\(\s*(?:(?P<kw>mean|median)(?:\s+(?:change|difference|reduction|increase|decrease))?\s*[,:]?\s*)?(?P<a>{NUM})\s+(?:vs\.?|versus)\s+(?P<b>{NUM})\s*(?:(?:{UNIT}|units)\s*)?(?=[,;)])",
                            re.IGNORECASE)),
    # "(1,310 pg/mL at baseline and 1,295 pg/mL at 12 months)": a bare value with a unit of measurement
    # "a change from baseline of -1.5 and -6.7 mL/min/1.73 m², respectively": values sharing one unit
    # "thickness changed by +0.04 mm in the MSC arm and −0.09 mm in the corticosteroid arm": changes with any unit
    ("by_unit", re.compile(rf"(?i:\b(?:changed|increased|decreased|improved|fell|rose|declined|reduced|dropped|grew|worsened)"
                           rf"\s+by\s+(?:an?\s+)?(?:(?:mean|median|average)\s+(?:of\s+)?)?)(?P<v>{NUM})\s*(?P<u>{UNIT})(?!\s*%)"
                           rf"(?:\s+(?:in|with|among|for)\s+[^,;()]{{1,40}}?\s*,?\s+(?:and|vs\.?|versus|compared\s+with)\s+(?:by\s+)?"
                           rf"(?P<v2>{NUM})\s*(?P=u)(?![\w%]))?")),
    ("unit_values", re.compile(rf"(?P<list>{NUM}(?:\s*(?:,\s*(?:and\s+)?|and|or|versus|vs\.?)\s*{NUM})+)\s*"
                               rf"(?P<u>{MEASURE_UNIT})")),
    # "at rates of 24.6, 31.9, and 41.8 events per 100 patient-years": each a rate, a value of its own
    ("event_rate", re.compile(
        rf"(?<![\d.])(?P<v>{NUM})(?=(?:\s*,\s*(?:and\s+)?{NUM}|\s+and\s+{NUM})*\s+(?P<u>(?:events?|episodes?|exacerbations?|"
        r"admissions?|hospitali[sz]ations?)\s+per\s+(?:100|1000|1,000)\s+(?:patient|person)[- ]years?))")),
    ("unit_value", re.compile(rf"(?P<v>{NUM})\s*(?P<u>{MEASURE_UNIT})")),
    ("pct", re.compile(rf"(?P<v>{NUM})\s*%(?!\s*(?:CI|C\.I\.|confidence))")),
    # "The annualised rate of severe exacerbations was 0.92 with BM-MSCs and 1.71 with placebo": bare values of a rate,
    # each followed by its arm (read only after a rate's "was", see _BARE_RATE_BEFORE)
    ("bare_rate", re.compile(rf"(?<![\w.±-])(?P<v>{NUM})(?=\s+(?:with|in\s+the|among)\s)")),
]
_CHARACTERISTIC_BEFORE = re.compile(
    r"(?i:\b(?:age[ds]?|BMI|body mass index|weight|height|disease duration|duration of disease|male|female|men|women)"
    r"\s*(?:of|was|were|=|:|,)?\s*(?:mean|median)?\s*$)")
_CHARACTERISTIC_AFTER = re.compile(r"(?i:\s*(?:years?\s+(?:old|of age)|(?:(?:patients|participants|subjects)\s+)?(?:were\s+)?"
                                   r"(?:male|female|men|women)\b"
                                   r"|(?:patients\s+|participants\s+)?(?:completed|withdrew|discontinued|dropped\s+out|"
                                   r"were\s+(?:lost|included|analy[sz]ed|randomi[sz]ed|enrolled|excluded)\b)"
                                   # "leaving 59 patients (92%) in the per-protocol population": who was analysed
                                   r"|[^.;]{0,40}?\bwere\s+(?:included|analy[sz]ed)\s+in\s+the\s+(?:primary|final|main|"
                                   r"per-protocol|intention|modified)\b"
                                   r"|(?:patients\s+|participants\s+)?(?:\([^()]*\)\s*)?in\s+the\s+(?:per-protocol|"
                                   r"intention-to-treat|ITT|full\s+analysis|modified\s+intention-to-treat|safety)\s+"
                                   r"(?:population|set|analysis|cohort)\b))")
# "cells were infused a median of 17 days after PCI": when the treatment was given, not a result
_PROCEDURE_BEFORE = re.compile(r"(?i:\b(?:infused|administered|injected|transplanted|implanted|delivered|given|performed|"
                               r"(?:underwent|had)\s+(?:a\s+)?(?:second-look\s+)?(?:arthroscopy|biopsy|surgery|MRI|imaging|"
                               r"endoscopy|colonoscopy|removal))"  # "underwent second-look arthroscopy at a mean of 14.6 months"
                               r"\s+(?:at\s+)?(?:an?\s+)?(?:median|mean)\s+(?:\([^()]*\)\s+)?(?:of\s+)?$)")
# "Thirty-one of the 32 patients ... completed follow-up": who stayed, not a result
_COMPLETED_AFTER = re.compile(r"(?i:[^.;]{0,80}?\b(?:completed|finished|withdrew\s+from)\s+(?:the\s+)?(?:[\w-]+\s+)?"
                              r"(?:follow-?up|study|trial|treatment|visit|protocol)\b)")
# "Paired CMR studies were available in 38 patients per group": who was measured, not a result
_AVAILABLE_BEFORE = re.compile(r"(?i:\b(?:were|was)\s+available\s+(?:in|for)\s+$)")
# "(mean [SD] age, 41.3 [9.6] years; 61 men [70.9%])": who was enrolled
_CHARACTERISTIC_PAREN = re.compile(r"(?i:\(\s*(?:(?:mean|median)\s*(?:[\[(][^\])]*[\])])?\s*)?age\b[^()]*$)")
_MEAN_SD = re.compile(r"(?i:\bmean\s*(?:\(\s*(?:±|\+/-)?|±|\+/-|and)\s*(?:SD|s\.d\.|standard deviation))")
_MEAN = re.compile(r"(?i:(?<!geometric\s)\bmean\b)")  # a geometric mean is no mean: a central value
# "3.9 ± 0.4 to 2.8 ± 0.3 pg/mL (mean ± SEM)": means, with a spread that is not an SD
_MEAN_SEM = re.compile(r"(?i:\bmean\s*(?:\(\s*)?(?:±|\+/-)\s*(?:SEM|SE|s\.e\.m\.|standard error)\b)")
_CHANGED_BY = re.compile(r"(?i:\b(?:fell|fallen|decreased|declined|dropped|increased|rose|risen|improved|reduced|changed?|worsened|grown|grew)"
                         r"(?:\s+from\s+baseline)?\s+by"
                         r"(?:\s+(?:an?\s+)?(?:mean|median|average)(?:\s+of)?)?\s*$"
                         r"|\b(?:fell|fallen|decreased|declined|dropped|increased|rose|risen|improved|reduced|changed?|worsened|grown|grew)"
                         r"(?:\s+from\s+baseline)?\s+by\s+(?:an?\s+)?"
                         r"(?:mean|median|average)?[^;]*?(?:\b(?:and|versus|vs\.?|compared\s+with)|,)\s*$"
                         r"|\b(?:fell|fallen|decreased|declined|dropped|increased|rose|risen|improved|reduced|changed?|worsened|grown|grew)\s+by\b.*\b(?:and|or)\s+by\s*$"
                         r"|(?<!dressing )(?<!dose )(?<!medication )(?<!position )\bchanges?\s+(?:from\s+baseline|in|of)\b(?:(?!,\s+and\b)[^;])*\b(?:was|were|of|=|:)\s*$)")
_COUNT_ARM_MORE = re.compile(rf"(?i:\s*,?\s*and\s+(?:by\s+)?(?P<num>{_W}|\d+|none)\s+(?:{_PEOPLE_WORDS}\s+)?(?:in|among|of)\s+the\s+"
                             r"(?P<arm>[\w-]+(?:\s+[\w-]+)?)\s+(?:group|arm)\b)")
_THRESHOLD = re.compile(r"(?i:\b(?:by|of)\s+(?:at\s+least|more\s+than|over|≥|>=|>)\s*$|(?:≥|>=)\s*$"
                        r"|\bat\s+least\s+an?\s*$)")  # "had at least a 50% reduction in knee bleeds"
# "an LVEF of 40% or less": an entry criterion, not a result
_THRESHOLD_AFTER = re.compile(r"(?i:\s*or\s+(?:less|more|lower|higher|above|below|greater|fewer)\b)")
_YEAR = re.compile(r"(?:19|20)\d{2}")
# "the mean change from baseline ... was -3.1 (SD 2.4) in A, -5.0 (SD 2.9) in B": every value of the list is a change
_CHANGE_LIST = re.compile(r"(?i:\bchanges?\s+from\s+baseline\b[^;]*\b(?:was|were)\b[^;]*$)")
_MEDIAN = re.compile(r"(?i:\bmedian\b)")
# an estimate whose bracketed pair is its interval, whatever the document says its "x (a–b)" are
_EFFECT_BEFORE = re.compile(r"(?i:\b(?:ratios?|HR|OR|RR|IRR|differences?|estimated?|CI)\b)")
_BARE_RATE_BEFORE = re.compile(rf"(?i:\brate\s+of\s+[^.;()]{{0,80}}\b(?:was|were)\s+"
                               rf"(?:{NUM}\s+(?:with|in\s+the|among)\s+[^.;()\d]{{1,40}}?,?\s+(?:and|versus|vs\.?)\s+)?$)")
_LIST_REST = re.compile(rf"(?:\s*,\s*{NUM}(?![\d.]))*\s*,?\s*(?:and|or)\s+(?P<last>{NUM})\s*(?P<u>{UNIT})?(?!\s*[(\[±%])")
_VS_REST = re.compile(rf"\s*,\s*(?:range|IQR)\s*{NUM}\s*(?:{UNIT})?\s*(?:–|-|to)\s*{NUM}\s*(?:{UNIT})?\s*,\s*(?:vs\.?|versus)\s+"
                      rf"(?P<v>{NUM})\s*(?P<u>{UNIT})?(?=\s*[,;)])")
# a bound's sign as the study format writes it ("≤" is "<="); "=" and "of" are a value, no bound
RELATION = {"of": None, "=": None, "<": "<", ">": ">", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">="}
VALUE_FORMS = {"msem", "count_pct_group", "ci", "dir_ci", "hdr_msd", "hdr_median", "paren_vsd", "zero_any", "count_subject", "msd", "iqr", "pm", "from_to", "prop_pct_paren", "prop_pct_slash", "prop_of_pct", "prop_slash_pct", "prop_of", "prop_slash",
               "count_pct", "count_pct_of", "count_pct_paren", "keyword_value", "zero", "none", "pct"}
VALUE_FORMS |= {"zero_subject", "zero_with", "paren_arms"}
VALUE_FORMS |= {"by_unit", "paren_vs", "count_n", "count_by", "ci_again", "sd_again", "count_arm", "count_in", "unit_value", "unit_values", "zero_there", "count_event", "event_rate", "bare_rate"}  # events counted in an arm: "three deaths in the control group"


@dataclass
class Stat:
    """One statistic: `kind` as in the study format; offsets are relative to the sentence."""

    kind: str
    start: int
    end: int
    text: str
    value: Decimal | None = None
    relation: str | None = None  # a bound: "<", "<=", ">", ">="
    numerator: int | None = None
    denominator: int | None = None
    percentage: Decimal | None = None
    unit: str | None = None
    ci: tuple[Decimal, Decimal, Decimal] | None = None
    comparison: str | None = None


@dataclass
class Group:
    """Statistics read from one match: `value` groups carry a result, others (p, ES) qualify one."""

    form: str
    start: int
    end: int
    stats: list[Stat] = field(default_factory=list)
    n: int | None = None
    distributive: bool = False  # "P all <0.05", "both p < 0.001"
    arm_word: str | None = None  # "none in the placebo group"
    confidence: float = 0.9
    label: tuple[int, int] | None = None  # "no <what> occurred": the words that name the endpoint
    every_arm: bool = False  # "Two patients in each group had a wound infection"
    arm_index: int | None = None  # "in 3 and 8 patients, respectively" with no arms named: the arms in order
    characteristic: bool = False  # "mean age 58.2 ± 13.1 years", "63% male": who was enrolled, not a result

    @property
    def is_value(self) -> bool:
        return self.form in VALUE_FORMS


def _d(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _int(text: str) -> int:
    return number_word(text)


def _clause_before(text: str, start: int) -> str:
    """The text of the clause before `start` (back to the last ';' or sentence start)."""
    cuts = [m.end() for m in re.finditer(r";|(?<!\bvs)(?<!\bal)(?<!\.[a-z])\.\s", text[:start])]
    return text[cuts[-1] if cuts else 0:start]


_SPREADS = re.compile(r"(?i:(?P<ci>\d{2}(?:\.\d)?\s*%\s*(?:CI|C\.I\.|confidence interval))|"
                      r"[(\[]\s*(?P<iqr>IQR|interquartile range|range)\b)")


def _last_spread(before: str) -> str | None:
    """The kind of interval the sentence stated last before a value: "ci" or "iqr" (IQR or range)."""
    found = list(_SPREADS.finditer(before))
    return None if not found else "ci" if found[-1]["ci"] else "iqr"


def _change_kind(before: str) -> str:
    """A change from baseline is a `difference` (comparison: baseline) unless the clause names the
    statistic of the changes: "the mean change was", "the mean (SD) ratio increased by", "changed by a
    mean of" give a `mean`; "the median reduction in keloid volume was" a `median`. The value keeps its
    reported sign."""
    for pattern, kind, other in ((_MEAN, "mean", "median"), (_MEDIAN, "median", "mean")):
        named = list(pattern.finditer(before))
        if named and not re.search(rf"(?i:\b(?:differences?|{other})\b)", before[named[-1].end():]):
            return kind
    return "difference"


def _sd_change_kind(before: str) -> str:
    """A change given with its SD ("the change in WOMAC was −18.4 ± 14.2") is the mean of the changes, unless the
    clause says it is a difference (between groups)."""
    kind = _change_kind(before)
    return "mean" if kind == "difference" and not re.search(r"(?i:\bdifferences?\b)", before) else kind


def _make(form: str, m: re.Match[str], text: str) -> Group:
    g = Group(form, m.start(), m.end())
    span = m.group(0)
    before = _clause_before(text, m.start())

    def stat(kind: str, **kw: object) -> Stat:
        return Stat(kind, m.start(), m.end(), span.strip(), **kw)  # type: ignore[arg-type]

    if form == "ci":
        lo, hi, lvl = _d(m["lo"]), _d(m["hi"]), _d(m["lvl"] or "95") / 100
        est, unit = _d(m["est"]), m["eu"] or None
        window = before[-70:]
        effect = re.search(r"(?i:\b(?:hazard ratio|odds ratio|risk ratio|relative risk|(?:incidence\s+)?rate ratio|"
                           r"effect size|Cohen'?s d|geometric mean ratio|ratio of (?:geometric )?means)\b)", window) or \
            re.search(r"\b(?:HR|OR|RR|IRR|ES|GMR)\b", window[-45:]) or re.search(r"(?i:[(\[;]\s*ratio\s*[,:=]?\s*$)", window)
        if effect:
            g.stats.append(stat("effect-size", value=est, ci=(lo, hi, lvl)))
        elif re.search(r"(?i:\bdifferences?\b)", window) or re.search(
                r"(?i:\bdifferences\b[^;]*\b(?:were|of)\b[^;]*$)", re.sub(r"\([^()]*\)", "", text[:m.start()])):
            # "differences versus placebo were -0.44% (95% CI ...) and -0.73% (95% CI ...)": each one a difference
            g.stats.append(stat("difference", value=est, unit=unit, ci=(lo, hi, lvl)))
        elif _CHANGED_BY.search(window) or re.search(r"(?i:\b(?:change|reduction|increase|decrease)\s+of\s*$)", window) or \
                re.search(r"(?i:\band\s+by\s*$)", window) and _CHANGED_BY.search(text[:m.start()]):
            # "increased by 5.2% (95% CI ...) with A and by 1.1% (95% CI ...) with B": both changes
            g.stats.append(stat(_change_kind(window), value=est, unit=unit, ci=(lo, hi, lvl)))
        elif unit == "%":
            g.stats.append(stat("proportion", percentage=est, unit="%", ci=(lo, hi, lvl)))
        elif _MEAN.search(window):
            g.stats.append(stat("mean", value=est, unit=unit, ci=(lo, hi, lvl)))
        elif re.search(r"(?i:\bmedian\b[^.;()]{0,50}$)", window):  # "The median time to healing was 16 weeks (IC 95%: ...)"
            g.stats.append(stat("median", value=est, unit=unit, ci=(lo, hi, lvl)))
        else:
            g.stats.append(stat("central-value", value=est, unit=unit, ci=(lo, hi, lvl)))
            g.confidence = 0.6
    elif form == "ci_again" and _last_spread(text[:m.start()]) == "iqr":
        # "-3 (IQR -5 to -1), -4 (-5 to -2) and -5 (-7 to -3)": the later values keep the first one's IQR (not recorded)
        kind = "difference" if _CHANGED_BY.search(before) or re.search(r"(?i:\bchange\b)", before) else "median"
        g.stats.append(stat(kind, value=_d(m["est"]), unit=m["eu"] or None))
        g.confidence = 0.75
    elif form == "ci_again":
        lo, hi = (m["lo"], m["hi"]) if m["lo"] is not None else (m["lo2"], m["hi2"])
        last = list(re.finditer(r"(?i:(\d{2}(?:\.\d)?)\s*%\s*(?:CI|C\.I\.|confidence interval))", text[:m.start()]))[-1]
        level = last.group(1)
        est, unit = _d(m["est"]), m["eu"] or None
        window = before[-70:]
        # "differences versus placebo were 21·3 m (95% CI 2·4–40·2) for low dose and 35·7 m (15·9–55·5)": the
        # interval stated first names what the later ones are
        named = text[max(0, last.start() - 80):last.start()]
        kind = "difference" if re.search(r"(?i:\bdifferences?\b)", window) or re.search(
            r"(?i:\bdifferences?\b(?!\s+in\b))", named) else \
            _change_kind(window) if _CHANGED_BY.search(window) or re.search(r"(?i:\bchange\b)", window) else \
            "mean" if _MEAN.search(window) else "central-value"
        if kind == "central-value" and unit == "%" and not re.search(  # "17.2% (95% CI, 8.8-28.1%) ... 5.2% (1.3-13.1%)": a rate
                r"(?i:\bchang|\bfell\b|\brose\b|increas|decreas|reduc|improv|declin|lower|higher)", text[:m.start()]):
            g.stats.append(stat("proportion", percentage=est, unit="%", ci=(_d(lo), _d(hi), _d(level) / 100)))
        else:
            g.stats.append(stat(kind, value=est, unit=unit, ci=(_d(lo), _d(hi), _d(level) / 100)))
        g.confidence = 0.7
    elif form == "sd_again":
        unit = m["u"] or m["u2"] or None
        kind = _sd_change_kind(before) if _CHANGED_BY.search(before) or _CHANGE_LIST.search(before) else \
            "mean" if _MEAN.search(before) else "central-value"
        g.stats += [stat(kind, value=_d(m["v"]), unit=unit), stat("sd", value=_d(m["sd"]), unit=unit)]
        g.confidence = 0.75
    elif form == "msd":  # "0.31 (SD 0.17)": a value given with its standard deviation is a mean
        unit = m["u"] or m["u2"] or None
        kind = _sd_change_kind(before) if _CHANGED_BY.search(before) or _CHANGE_LIST.search(before) else "mean"
        g.stats += [stat(kind, value=_d(m["v"]), unit=unit), stat("sd", value=_d(m["sd"]), unit=unit)]
        g.n = int(m["n"]) if m["n"] else None
    elif form == "msem":  # no statistic kind holds a standard error: the value and its spread, the spread unnamed
        unit = m["u"] or m["u2"] or None
        kind = _sd_change_kind(before) if _CHANGED_BY.search(before) or _CHANGE_LIST.search(before) else \
            "mean" if _MEAN.search(before) or _MEAN_SEM.search(text) else "central-value"
        g.stats += [stat(kind, value=_d(m["v"]), unit=unit), stat("plus-minus", value=_d(m["s"]), unit=unit)]
    elif form in ("iqr", "hdr_median"):
        # an IQR goes with a median; a range does when the sentence has said "median"
        iqr = form == "hdr_median" or m["what"].lower() != "range"
        kind = "median" if iqr or _MEDIAN.search(text[:m.start()]) else "central-value"
        if re.search(r"(?i:\b(?:change|reduction|increase|decrease)\s+(?:from\s+baseline\s+)?(?:in|of)\b[^;]*$)", before) \
                or _CHANGED_BY.search(before):
            # "the change in mTSS was 0.5 (IQR, 0-1.5)": a change is a difference; "the median change ...": a median
            kind = "median" if kind == "median" and _MEDIAN.search(before) else "difference"
        g.stats.append(stat(kind, value=_d(m["v"]), unit=m["u"] or None))
        g.confidence = 0.85 if kind == "median" else 0.6
    elif form in ("hdr_msd", "paren_vsd"):
        unit = m["u"] or m["u2"] or None
        value = _d(m["v"])
        changed = re.search(r"(?i:\b(?:chang\w*|fell|decreas\w*|declin\w*|dropped|increas\w*|rose|improv\w*|"
                            r"reduc\w*)\b)", before)
        if form == "paren_vsd":
            signed = m["v"][0] in "+-"
            kind = _change_kind(before) if changed and signed else "mean" if _MEAN.search(before) else "central-value"
        else:  # a change under "(mean [SD])" is a mean of changes, as with "(SD 11.2)" written out
            kind = _sd_change_kind(before) if _CHANGED_BY.search(before) or _CHANGE_LIST.search(before) else "mean"
        sem = form == "hdr_msd" and _HDR_MSEM.search(text) and not _HDR_MSD.search(text)
        # under "Mean (SEM)" the spread is a standard error, which no statistic kind holds (curators keep it in the note)
        g.stats += [stat(kind, value=value, unit=unit)] + ([] if sem else [stat("sd", value=_d(m["sd"]), unit=unit)])
    elif form == "from_to":
        pass  # split into two groups by find_groups
    elif form == "pm":
        unit = m["u"] or m["pc"] or None  # "38.5% ± 9.7%"
        mean_sd = bool(_MEAN_SD.search(text))
        # "The mean EDSS changed by -0.22 ± 0.41": the clause names the mean; the spread stays unnamed
        kind = (_sd_change_kind if mean_sd else _change_kind)(before) if _CHANGED_BY.search(before) or \
            _CHANGE_LIST.search(before) else \
            "mean" if mean_sd or _MEAN.search(before) or _MEAN_SEM.search(text) else "central-value"
        g.stats += [stat(kind, value=_d(m["v"]), unit=unit),
                    stat("sd" if mean_sd else "plus-minus", value=_d(m["s"]), unit=unit)]
    elif form.startswith(("prop", "count_pct")):
        num = _int(m["num"]) if m.groupdict().get("num") else None
        den = _int(m["den"]) if m.groupdict().get("den") else None
        pct = _d(m["pct"]) if m.groupdict().get("pct") else None
        g.stats.append(stat("proportion", numerator=num, denominator=den, percentage=pct,
                            unit="%" if pct is not None else None))
        if form == "count_pct_group":
            g.arm_word = m["arm"]
        if num is not None and den is not None and num > den:
            g.confidence = 0.3
    elif form == "effect":
        name = m["name"].lower()
        g.stats.append(stat("effect-size", value=_d(m["v"])))
        g.confidence = 0.9 if name in {"es", "effect size"} or name.startswith(("cohen", "hedges")) else 0.7
    elif form == "p":
        rel = RELATION[m["rel"]]
        g.stats.append(stat("p-value", value=_d(m["v"]), relation=rel))
        g.distributive = bool(m["pre"] or m["all"] or m["each"])
    elif form == "named_ci_comma":
        ratio = bool(re.search(r"(?i:ratio|risk$|^(?:HR|OR|RR)$)", m["name"]))
        g.stats.append(stat("effect-size" if ratio else "difference", value=_d(m["v"]),
                            ci=(_d(m["lo"]), _d(m["hi"]), Decimal("0.95"))))
        g.confidence = 0.7  # the interval's level is the one the text stated before
    elif form == "effect_ci":
        g.stats.append(stat("effect-size", value=_d(m["v"]), ci=(_d(m["lo"]), _d(m["hi"]), Decimal("0.95"))))
        g.confidence = 0.7  # the interval's level is assumed
    elif form == "dir_ci":
        g.stats.append(stat("difference", value=_d(m["v"]), unit=m["u"] or None,
                            ci=(_d(m["lo"]), _d(m["hi"]), _d(m["lvl"] or "95") / 100)))
        g.confidence = 0.75
    elif form == "keyword_value":
        # "the median difference was 3": a difference; "the mean change was -3.1", "fell by a mean of 2.8": the
        # statistic the words name (a change whose statistic is named is that statistic)
        # "The mean 6MWD was 34 m longer after UC-MSC treatment": a difference between the arms
        diff = re.search(r"(?i:\bdifferences?\b)", span) or re.match(
            r"(?i:\s*(?:longer|shorter|higher|lower|greater|smaller|larger)\s+(?:after|with|in|among|for)\b)", text[m.end():])
        g.start = m.start("v")  # the value's own place: "Mean HHS at 12 months was 84.2" is after its timepoint
        g.stats.append(stat("difference" if diff else m["kw"].lower(), value=_d(m["v"]), unit=m["u"] or None))
    elif form in ("zero", "zero_any", "zero_there", "zero_subject", "zero_with"):
        g.stats.append(stat("count", value=Decimal(0)))
        g.arm_word = m.groupdict().get("arm") or m.groupdict().get("arm2")
        what = m.groupdict().get("what")
        if what is not None:
            g.label = (m.start("what"), m.end("what"))
            g.confidence = 0.75
    elif form == "count_subject":
        g.stats.append(stat("count", value=Decimal(_int(m["num"]))))
        g.label = (m.start("what"), m.end("what"))
        g.every_arm = bool(re.search(r"(?i:\bin\s+(?:each|either|both)\s+(?:group|arm)s?\b)", m["mid"]))
        g.confidence = 0.75
    elif form == "count_event":
        g.stats.append(stat("count", value=Decimal(_int(m["num"]))))
        g.label = (m.start("what"), m.end("what"))
        g.confidence = 0.75
    elif form == "count_n":
        g.stats.append(stat("count", value=Decimal(int(m["num"]))))
        lead = re.match(r"(?i:(?:(?:and|or|to|were|was|limited|included|including|the|of)\s+)*)", m["what"])
        g.label = (m.start("what") + (lead.end() if lead else 0), m.end("what"))
        g.confidence = 0.7
    elif form == "count_by":
        g.stats.append(stat("count", value=Decimal(_int(m["num"]))))
        g.arm_word = m["arm"]
        g.confidence = 0.7
    elif form in ("count_arm", "count_in"):
        g.stats.append(stat("count", value=Decimal(_int(m["num"]))))
        lead = re.match(r"(?i:(?:(?:and|or|but|while|with|the|an?|there\s+(?:were|was))\s+)*)", m["what"])
        verb = re.search(r"(?i:(?:\s+(?:occurred|was|were|developed|worsened|appeared|reported|seen|observed|recorded|"
                         r"noted|presented|registered|documented|detected|found))+$)", m["what"])  # "Urinary tract infection occurred in 3 ...": the event's own words
        g.label = (m.start("what") + (lead.end() if lead else 0), m.end("what") - (len(verb.group()) if verb else 0))
        g.arm_word = m["arm"] or m.groupdict().get("arm2")
        g.confidence = 0.7
    elif form == "none":
        g.stats.append(stat("proportion", numerator=0))
        g.arm_word = m["arm"]
        g.confidence = 0.7
    elif form == "bare_rate":
        g.stats.append(stat("central-value", value=_d(m["v"])))
        g.confidence = 0.6
    elif form == "event_rate":
        g.stats.append(stat("central-value", value=_d(m["v"]), unit=m["u"]))
        g.confidence = 0.7
    elif form == "unit_value":
        # "improved by a median of 6 points in A and 2 points in B": the statistic the sentence names
        changed = _CHANGED_BY.search(before)
        kind = _change_kind(before) if changed else \
            "median" if _MEDIAN.search(before) else "mean" if _MEAN.search(before) else "central-value"
        g.stats.append(stat(kind, value=_d(m["v"]), unit=m["u"]))
        g.confidence = 0.7
    elif form == "pct":
        # "With a median follow-up of 26 months, 1-year FFS was 58.3%": the median is the follow-up's
        kind = "median" if _MEDIAN.search(re.sub(r"(?i:\bmedian\s+(?:duration\s+of\s+)?follow-?up\b)", "", before[-80:])) \
            else "proportion"
        if _CHANGED_BY.search(before) or _CHANGE_LIST.search(before) or re.match(
                r"(?i:\s*(?:lower|higher|less|greater|more)\s+than\s+(?:at\s+)?(?:baseline|before)\b)", text[m.end():]) \
                or _d(m["v"]) < 0:  # "(mean change, −3.1% vs −8.4%)": a share of people is never negative

            g.stats.append(stat(_change_kind(before), value=_d(m["v"]), unit="%"))
            g.confidence = 0.7
        elif kind == "median":
            g.stats.append(stat("median", value=_d(m["v"]), unit="%"))
        else:
            g.stats.append(stat("proportion", percentage=_d(m["v"]), unit="%"))
        g.confidence = 0.75
    return g


# a sentence naming its own statistic does not take the previous sentence's "mean (SD)"
# a sentence with its own statistic's name does not go on with the previous one's "mean (SD)" ("mean" goes on)
_OWN_LABEL = re.compile(r"(?i:%(?!\s*(?:CI|C\.I\.|confidence))|\b(?:count|number|median|proportion|rate)\b)")
_MORE_NO = re.compile(r"(?i:\s*(?:,\s*(?:and\s+)?|\s+and\s+)no\s+(?:cases?\s+of\s+)?(?P<what>[\w-]+(?:\s+[\w-]+){0,5}?)"
                      r"(?=\s*(?:[.;,(]|$|\s+(?:in|among|during|after|at|within|related|attributable|and\s+no)\b)))")
_ONE_VALUE = re.compile(rf"(?P<v>{NUM})(?P<u>)")


def _events(work: str, a: int, b: int) -> list[tuple[int, int]]:
    """The events of a list ("fever, infection or allergic reaction"): one span each, or the whole span
    when it is not a list of named events ("grade 3 or 4 adverse events" is one)."""
    spans = []
    for item in re.finditer(r"[^,]+?(?=\s*,|\s+(?:or|and)\s+|$)", work[a:b]):
        lead = re.match(r"(?i:\s*(?:(?:or|and)\s+)?)", item.group())
        x, y = a + item.start() + (lead.end() if lead else 0), a + item.end()
        if x < y:
            spans.append((x, y))
    if len(spans) < 2 or any(not re.match(r"[A-Za-z]", work[x:y]) for x, y in spans) or \
            any(re.match(r"(?i:(?:related|attributable|attributed|due)\b)", work[x:y]) for x, y in spans):
        return [(a, b)]
    first, last = work[spans[0][0]:spans[0][1]].split(), work[spans[-1][0]:spans[-1][1]].split()
    if len(first) == 1 and (len(last) >= 3 or re.fullmatch(
            r"(?i:acute|chronic|serious|severe|mild|moderate|long-term|short-term|early|late|local|systemic|major|"
            r"minor|immediate|delayed|new|unexpected|treatment-related|cell-related)", first[0])):
        return [(a, b)]  # "acute or long-term serious adverse events": the words before one event
    return spans


# "FVC % predicted", "DLCO (% pred)": a measure's unit, not a percentage (no number before it)
_PERCENT_PREDICTED = re.compile(r"(?i:(?<![\d.\s])(?<=[A-Za-z(])\s*%|(?<=[A-Za-z]\s)%)(?=\s*(?:of\s+)?pred(?:icted)?\b)")


# "7.84 mm2", "1.73 m2", "kg/m2": a squared (or cubed) unit typed without its superscript, not a number 2
_SQUARED = re.compile(r"(?:(?<=\b[mcµμ]m)|(?<=\bm))[23](?![\d.,]\d)(?=[\s/),;.]|$)")


_BETWEEN = re.compile(rf"(?i:(?:(?<=\bwith\s)|(?<=\baged\s)|(?<=\bage\s)|(?<=\bof\s))(?:an?\s+)?[A-Za-z][\w-]*\s+between\s+{NUM}\s*(?:{UNIT})?\s+and\s+{NUM}"
                      rf"|\baged\s+between\s+{NUM}\s+and\s+{NUM})")


def find_groups(text: str, masked: list[tuple[int, int]] = (), previous: str = "",  # type: ignore[assignment]
                pm_is_sd: bool = False, pm_is_mean: bool = False, paren_is_sd: bool = False,
                paren_is_median: bool = False) -> list[Group]:
    """Every statistic group in `text`, not overlapping; `masked` spans (timepoint numbers) are
    hidden from the patterns first. A "mean (SD)" or "median [IQR]" stated in the `previous`
    sentence still holds for a sentence that goes on with the same values ("HAQ-DI changed by
    -0.31 (0.40), ..."). `pm_is_sd`: the document said once that "x ± y" is mean ± SD ("Continuous
    data are given as mean ± SD"); `paren_is_sd` likewise for "x (y)" ("Values are reported as mean (SD)"),
    `paren_is_median` for "x (a–b)" ("Values are median (IQR)")."""
    chars = list(fold(text).replace("·", "."))
    for a, b in masked:
        for i in range(a, b):
            chars[i] = "#"
    work = _SQUARED.sub(lambda m: "²" if m.group() == "2" else "³", _PERCENT_PREDICTED.sub(lambda m: "p" * len(m.group()),
                                                                                          "".join(chars)))
    # "with an eGFR between 25 and 60 mL/min/1.73 m2", "aged between 18 and 65 years": a range that admits, no value
    work = _BETWEEN.sub(lambda m: "#" * len(m.group()), work)
    # "with AUR-217 vs −0.27", "IL-10 rose": a product's or a molecule's code, its digits no value
    work = re.sub(r"(?<![\w-])[A-Z]{2,6}-\d{2,5}(?![\w.])", lambda m: re.sub(r"\d", "x", m.group()), work)
    taken: list[tuple[int, int]] = []
    groups: list[Group] = []
    _most_frequent_events(work, groups, taken)
    _colon_event_counts(work, groups, taken)
    for form, pattern in PATTERNS:
        for m in pattern.finditer(work):
            s, e = m.start(), m.end()
            if any(not (e <= a or s >= b) for a, b in taken):
                continue
            if form == "keyword_value" and (re.search(r"\((?![A-Za-z][\w-]{0,9}\))", work[s:e])  # "(FVC)" may stand
                                            or re.search(r"#\s*$", work[s:m.start("v")])):
                continue
            if form == "ci_again" and not re.search(r"(?i:\d{2}\s*%\s*(?:CI|C\.I\.|confidence interval)|[(\[]\s*(?:IQR|"
                                                    r"interquartile range|range)\b)", work[:s]):
                continue
            if form == "sd_again" and (not re.search(r"(?i:[(\[]\s*(?:SD|s\.d\.)\b)", work[:s])
                                       or m["u2"] == "%" and not m["u"] or re.search(r"(?:\bof|/)\s*$", work[:s])):
                continue  # "18 of 26 (69%)" after an "(SD 58)" is a proportion
            if form == "prop_slash" and int(m["den"]) <= 1:
                continue  # "IGA 0/1", "grade 0/1": a scale's categories, not a count of a total
            if form == "hdr_msd" and re.search(rf"(?i:(?:\d+|{_W})\s+(?:out\s+)?of\s+(?:the\s+)?$)", work[max(0, s - 25):s]):
                continue  # "18 of 32 (56.3%)": a count of a total, with its share
            if form == "hdr_msd" and re.fullmatch(r"\d+", m["v"]) and not m["u"] and (m["u2"] or "").strip() == "%":
                continue  # "cerebral palsy in 2 (18%)": a count with its share, not a mean with its SD
            if form == "hdr_msd" and not (_HDR_MSD.search(work) or _HDR_MSEM.search(work) or (paren_is_sd or _HDR_MSD.search(previous))
                                          and not _OWN_LABEL.search(work) or _MEAN_FROM.search(work, 0, s)) \
                    or form == "hdr_median" and not (_HDR_MEDIAN.search(work) or (paren_is_median or _HDR_MEDIAN.search(previous))
                                                     and not _OWN_LABEL.search(work) and not _EFFECT_BEFORE.search(work[max(0, s - 40):s])):
                continue
            if form in ("zero_any", "zero_there") and _NOT_COUNTED.search(m["what"]) and not (
                    _EVENT_WORD.search(m["what"]) and len(_events(work, m.start("what"), m.end("what"))) > 1):
                continue  # "no changes were seen"; not "no serious adverse events or tumorigenic changes on MRI"
            if form == "paren_arms":  # "8.1 weeks (60M) vs 6.3 weeks (120M)": two values, each with its arm
                if any(re.match(r"(?i:\s*(?:SD|SE|SEM|IQR|range|CI|n\s*=|\d)\b)", x) for x in (m["arm"], m["arm2"])):
                    continue
                before = _clause_before(work, s)
                kind = "median" if _MEDIAN.search(before) else "mean" if _MEAN.search(before) else "central-value"
                for key, arm in (("a", m["arm"]), ("b", m["arm2"])):
                    a0, b0 = m.start(key), m.end(key)
                    groups.append(Group("paren_arms", a0, b0, [Stat(kind, a0, b0, work[a0:b0], value=_d(m[key]),
                                                                    unit=m["u"] or None)], arm_word=arm, confidence=0.75))
                taken.append((s, e))
                continue
            if form == "zero_there":  # "there were no infections, no cases of ovarian torsion and no serious adverse events"
                groups.append(_make(form, m, work))
                taken.append((s, e))
                pos = e
                while more := _MORE_NO.match(work, pos):
                    a, b = more.start("what"), more.end("what")
                    grp = Group("zero_there", more.start(), b, [Stat("count", more.start(), b, work[more.start():b], value=Decimal(0))],
                                confidence=0.75)
                    grp.label = (a, b)
                    groups.append(grp)
                    taken.append((more.start(), b))
                    pos = b
                continue
            if form == "count_n" and not re.search(r"(?i:\b(?:adverse|reactions?|side[- ]effects?|complications?|"
                                                   r"toxicit\w*)\b)", work) or form == "count_n" and re.search(
                    r"(?i:\b(?:group|arm|placebo|sham|control|MSCs?|cells?|cohort|randomi[sz]ed|assigned)\b)", m["what"]):
                continue  # arm sizes "(n = 27)" are not counts; only events listed with their n are
            if form == "zero_any" and len(items := _events(work, m.start("what"), m.end("what"))) > 1:
                # "No infusion reaction, sustained ventricular arrhythmia or donor-specific antibody response
                # was recorded": a zero count for each event of the list
                for a, b in items:
                    grp = Group("zero_any", a, b, [Stat("count", a, b, work[a:b], value=Decimal(0))], confidence=0.75)
                    grp.label = (a, b)
                    groups.append(grp)
                taken.append((s, e))
                continue
            if form.startswith("prop_of") and not m["num"].isdigit() and \
                    re.search(r"(?i:\b(?:about|approximately|around|nearly|almost|roughly|some)\s+$)", work[:s]):
                continue  # "about six of ten children": a restatement, not a count
            if form == "count_subject" and (re.search(rf"(?i:(?:\d+|{_W})\s*(?:\band|\bor|,)\s*$)", work[:s])
                                            or "respectively" in work):
                continue  # "Three and four patients ... respectively": counts by position, read with their percentages
            if form == "zero":  # "No dose-limiting toxicity and no serious adverse event ... occurred": one count each
                nps = list(re.finditer(r"(?i:\bno\s+)", m["chain"]))
                for k, np_m in enumerate(nps):
                    a = m.start("chain") + np_m.start()
                    b = m.start("chain") + (nps[k + 1].start() if k + 1 < len(nps) else len(m["chain"]))
                    b = a + len(re.sub(r"(?i:\s*,?\s*(?:and|or)?\s*$)", "", work[a:b]))
                    words = _events(work, a + np_m.end() - np_m.start(), b)
                    for j, (x, y) in enumerate(words):  # "no infusion reactions or dose-limiting toxicities"
                        lo, hi = (a if j == 0 else x), (y if j + 1 < len(words) else b if k + 1 < len(nps) else e)
                        grp = Group("zero", lo, hi, [Stat("count", lo, y, work[lo:y], value=Decimal(0))])
                        grp.label = (x, y)
                        groups.append(grp)
                taken.append((s, e))
                continue
            if form in ("pct", "unit_value") and re.search(r"\d\s*%?\s*(?:[–—-]|to)\s*$", work[max(0, s - 12):s]) and \
                    not re.search(r"(?i:\b(?:from|IQR|range|CI)\b[^;]{0,30}$)", work[max(0, s - 40):s]):
                continue  # "HbA1c of 7.5–11.0%": the bounds of an entry criterion, not a result
            if form == "pct" and re.match(rf"\s*(?:to|–|-)\s*{NUM}\s*%", work[e:]) and \
                    not re.search(r"(?i:\b(?:from|IQR|range|CI)\b[^;]{0,30}$)", work[max(0, s - 40):s]):
                continue  # "burns covering 5% to 30% of total body surface area": the range's lower bound
            if form in ("pct", "unit_value") and (_THRESHOLD.search(work, 0, s) or _THRESHOLD_AFTER.match(work, e)
                                                  or re.search(r"(?:[<>≤≥]|\b(?:above|below|under|than))\s*$", work[:s])):
                continue  # "improved by at least 20% in five patients": the responder threshold, not a result
            if re.search(r"(?i:\bper\s*$)", work[max(0, s - 6):s]) and re.match(r"\s*(?:patient|person)[- ]years?\b",
                                                                            work[m.end("num") if "num" in m.groupdict() and m["num"] else e:]):
                continue  # "18.2 events per 100 patient-years": the rate's denominator, not a count
            if form == "bare_rate" and not _BARE_RATE_BEFORE.search(work[max(0, s - 160):s]):
                continue
            if form.startswith("prop_slash") and re.search(r"(?i:\b(?:phases?|grades?|stages?|types?)\s*$)", work[:s]):
                continue  # "phase 1/2" is not a proportion
            if form == "unit_values":
                if _THRESHOLD.search(work, 0, s) or re.search(r"(?:[<>≤≥]|\b(?:above|below|under|than))\s*$", work[:s]):
                    continue
                for v in re.finditer(NUM, m["list"]):
                    a, b = m.start("list") + v.start(), m.start("list") + v.end()
                    one = _ONE_VALUE.match(work, a)
                    assert one is not None
                    grp = _make("unit_value", one, work)
                    grp.stats[0].unit = m["u"]
                    if v.start() > 0:  # the values of one list are one kind: the first's
                        grp.stats[0].kind = groups[-1].stats[0].kind
                    groups.append(grp)
                taken.append((s, e))
                continue
            if form == "by_unit":
                before = work[:m.start("v")]
                kind = _change_kind(before)
                for name in ("v", "v2"):
                    if m[name] is None:
                        continue
                    end = m.end("u") if name == "v" else m.end()
                    st = Stat(kind, m.start(name), end, m[name], value=_d(m[name]), unit=m["u"])
                    groups.append(Group("unit_value", m.start(name), end, [st], confidence=0.7))
                taken.append((m.start("v"), m.end()))
                continue
            if form == "paren_vs":
                kind = m["kw"].lower() if m["kw"] else "mean" if _MEAN.search(clause := _clause_before(work, s)) else \
                    "median" if _MEDIAN.search(clause) else "central-value"
                for name in ("a", "b"):
                    st = Stat(kind, m.start(name), m.end(name), m[name], value=_d(m[name]))
                    groups.append(Group("paren_vs", m.start(name), m.end(name), [st], confidence=0.7))
                taken.append((s, e))
                continue
            if form == "from_to":
                if _YEAR.fullmatch(m["a"]) and _YEAR.fullmatch(m["b"]) or re.search(r"(?i:\bage[ds]?\s*$)", work[:s]):
                    continue  # "from 2009 to 2017", "aged from 18 to 65"
                kind = (m["kw"] or "").lower() or ("mean" if _MEAN.search(clause := _clause_before(work, s)) else
                                                  "median" if _MEDIAN.search(clause) else "central-value")
                for name in ("a", "b"):
                    unit = m["u2"] or m["u"] or None
                    st = Stat(kind, m.start(name), m.end(name), m[name], value=_d(m[name]), unit=unit)
                    groups.append(Group("from_to", m.start(name), m.end(name), [st], confidence=0.7))
                taken.append((s, e))
                continue
            if form == "count_sites":
                what = re.sub(r"(?i:^(?:(?:and|or|but|while|the|an?)\s+)+)", "", m["what"])
                label = (m.end("what") - len(what), m.end("what"))
                for key, arm in (("num", m["arm"]), ("num2", m["arm2"])):
                    st = Stat("count", m.start(key), m.end(key) if key == "num" else e, work[m.start(key):m.end(key)],
                              value=Decimal(_int(m[key])))
                    groups.append(Group("count_arm", m.start(key), m.end(key), [st], arm_word=f"{arm} {m.group().split()[-1]}",
                                        confidence=0.7, label=label))
                taken.append((s, e))
                continue
            groups.append(_make(form, m, work))
            if form == "keyword_value" and (more := _LIST_REST.match(work, e)) and not any(
                    more.start() < y and x < more.end() for x, y in taken):
                # "declined by a mean of 5·8, 4·0 and 3·2 percentage points": one value per arm, one statistic
                unit = more["u"] or groups[-1].stats[0].unit
                groups[-1].stats[0].unit = unit
                for v in re.finditer(NUM, work[more.start():more.end("last")]):
                    a, b = more.start() + v.start(), more.start() + v.end()
                    groups.append(Group("unit_value", a, b, [Stat(groups[-1].stats[0].kind, a, b, work[a:b], value=_d(v.group()),
                                                                   unit=unit)], confidence=0.7))
                taken.append((s, more.end()))
                continue
            if form == "keyword_value" and (vs := _VS_REST.match(work, e)) and not any(
                    vs.start("v") < y and x < vs.end("v") for x, y in taken):
                # "(median 3, range 1–6, vs 5, range 3–8; P = 0.005)": the other arm's value, the same statistic
                kind, unit = groups[-1].stats[0].kind, vs["u"] or groups[-1].stats[0].unit
                a, b = vs.start("v"), vs.end("v")
                groups.append(Group("unit_value", a, b, [Stat(kind, a, b, work[a:b], value=_d(vs["v"]), unit=unit)],
                                    confidence=0.7))
                taken.append((s, vs.end()))
                continue
            if form == "pm" and pm_is_mean and groups[-1].stats[0].kind == "central-value":
                groups[-1].stats[0].kind = "mean"  # "Values are mean ± SEM": means, with a spread that is no SD
            if form == "pm" and pm_is_sd and groups[-1].stats[1].kind == "plus-minus":
                groups[-1].stats[1].kind = "sd"
                if groups[-1].stats[0].kind == "central-value" or groups[-1].stats[0].kind == "difference" and \
                        _sd_change_kind(_clause_before(work, s)) == "mean":
                    groups[-1].stats[0].kind = "mean"  # a change with its SD is the mean of the changes
            taken.append((s, e))
            if (form in ("count_arm", "count_by") or form == "count_in" and groups[-1].arm_word) and \
                    (more := _COUNT_ARM_MORE.match(work, e)) and \
                    not any(more.start("num") < y and x < more.end() for x, y in taken):
                # "... and one in the MSC group": the same event, counted in another arm
                nxt = Group("count_arm", more.start("num"), more.end(), [Stat(
                    "count", more.start("num"), more.end(), more.group().strip(),
                    value=Decimal(0 if more["num"].lower() == "none" else _int(more["num"])))],
                    arm_word=more["arm"], confidence=0.7, label=groups[-1].label)
                groups.append(nxt)
                taken.append((more.start(), more.end()))
    _respective_counts(work, groups, taken)
    _respective_count_percentages(work, groups)
    _elliptic_counts(work, groups, taken)
    _named_count_list(work, groups, taken)
    groups.sort(key=lambda g: g.start)
    groups = _keyword_pairs(work, groups, taken)
    _respective_percentages(work, groups)
    _pair_kinds(work, groups)
    _signed_decreases(work, groups)
    _relative_differences(work, groups)
    groups = _join_counts_and_percentages(work, groups)
    _counts_before_ci(work, groups)
    _carried_denominators(work, groups)
    for g in groups:
        g.characteristic = bool(_CHARACTERISTIC_BEFORE.search(work, max(0, g.start - 25), g.start)
                                or _AVAILABLE_BEFORE.search(work, max(0, g.start - 30), g.start)
                                or g.form == "keyword_value" and re.search(r"(?i:\bage\b\s*(?:was|were|of|=|:)?\s*[-\d])",
                                                                           work[g.start:g.end])
                                or _CHARACTERISTIC_AFTER.match(work, g.end) and not (
                                    # "occurred in 7 (23%) vs 4 (13%) men", "by 19/29 and 9/28 (32.1%) men, respectively"
                                    re.match(r"(?i:\s*(?:men|women)\b)", work[g.end:])
                                    and re.search(r"(?i:\b(?:vs\.?|versus|and)\s*$)", work[max(0, g.start - 12):g.start]))
                                # "in one of six randomly allocated sequences": how the design was drawn, no result
                                or re.match(r"(?i:\s+(?:randomly\s+)?(?:allocated\s+|assigned\s+)?(?:treatment\s+)?"
                                            r"(?:sequences|orders|blocks|strata)\b)", work[g.end:])
                                or _CHARACTERISTIC_PAREN.search(work, max(0, g.start - 80), g.start)
                                or re.search(r"(?i:\b(?:men|women|male|female)\s*[\[(]\s*$)", work[max(0, g.start - 12):g.start])
                                # "22 men [61%]": the sex of the people enrolled
                                or re.match(r"(?i:\d+\s+(?:men|women|males?|females?|boys|girls)\s*[\[(])", work[g.start:g.end])
                                # "CMR studies were available in 38 patients": who could be measured
                                or g.form == "count_in" and re.search(r"(?i:\bavailable\b)", work[g.start:g.end])
                                # "cells were infused a median of 17 days (range 13-24) after PCI": when treated
                                or _PROCEDURE_BEFORE.search(work, max(0, g.start - 60), g.start)
                                # "Thirty-one of the 32 patients in the MSC group ... completed follow-up": who stayed
                                or _COMPLETED_AFTER.match(work, g.end))
    # "Mean age was 56.4 ± 9.7 years in the MSC group and 57.9 ± 8.8 years in the control group": the age of each arm
    for prev, g in pairwise(groups):
        if prev.characteristic and not g.characteristic and g.stats and prev.stats and g.stats[0].unit and \
                g.stats[0].unit == prev.stats[0].unit and not re.search(r"[;.]|[)\]]\s*,", work[prev.end:g.start]):
            # but not past the close of the people's parenthesis: "(...; 38 women [59.4%]), HiSCR was achieved by ..."
            g.characteristic = True
    # "Table 3 lists adverse events", "(Fig. 2)": a table's or figure's number is no result
    groups = [g for g in groups if not re.search(r"(?i:\b(?:tables?|fig(?:ure)?s?\.?|supplementary\s+table)\s*$)", work[:g.start])]
    for g in groups:  # report the original text, not the folded one
        for st in g.stats:
            st.text = text[st.start:st.end].strip()
    return groups


_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")


def leftover_numbers(text: str, used: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Numbers in `text` that no statistic or timepoint used: kept for the curator's review."""
    out = []
    for m in _NUMBER.finditer(text):
        if any(a <= m.start() and m.end() <= b for a, b in used):
            continue
        out.append((m.start(), m.end()))
    return out


# "cohorts 1, 2 and 3", "cohorts A and B": a dose-escalation study's cohorts, listed by their keys
_COHORT_KEYS = r"[1-9A-D](?:\s*,\s*[1-9A-D])*\s*,?\s+(?:and|or)\s+(?:[1-9A-D]|the\s+expansion\s+cohort)"
_RESP_COUNTS = re.compile(rf"(?i:(?:\bin\s+|\(\s*)(?P<list>(?:{_W}|\d+)(?:\s*,\s*(?:{_W}|\d+))*\s*,?\s+and\s+(?:{_W}|\d+))\s+"
                          rf"{_PEOPLE_WORDS}(?:\s+(?:of|in)\s+(?:the\s+)?cohorts\s+(?-i:(?P<cohorts>{_COHORT_KEYS})))?"
                          r",?\s+respectively\b"
                          # "Transient fever occurred in 2 and 3 patients.": two counts, one per arm of a two-arm design
                          rf"|\bin\s+(?P<pair>(?:{_W}|\d+)\s+(?:and|vs\.?|versus)\s+(?:{_W}|\d+))\s+{_PEOPLE_WORDS}(?=\s*[.;,)])"
                          # "transient conjunctival hyperaemia (n = 5 vs n = 1)"
                          r"|\((?P<npair>\s*n\s*=\s*\d+\s*(?:vs\.?|versus|and)\s*n\s*=\s*\d+)\s*\))")
_ARM_NAME = r"(?:\d+(?:\.\d+)?\s*[×x]\s*10\s*\^?\s*\(?\d+\)?(?:\s*cells?/kg)?|\d+(?:\.\d+)?[- ]million|[\w-]+(?:\+[\w-]+)?)"  # "UCB+EPO", "150 million"  # "IT", "1 × 10^6"
ARM_LIST = re.compile(rf"(?i:\b(?:in|of|among)\s+the\s+(?P<arms>{_ARM_NAME}(?:\s*,\s*{_ARM_NAME})*\s*,?\s+and\s+"
                      rf"{_ARM_NAME})\s+(?:groups|arms|cohorts)\b"
                      # "over intrathecal, intravenous and sham periods" (a crossover's treatment periods)
                      rf"|\b(?:over|during|in|after)\s+(?:the\s+)?(?P<periods>{_ARM_NAME}(?:\s*,\s*{_ARM_NAME})*\s*,?\s+and\s+"
                      rf"{_ARM_NAME})\s+periods\b"
                      # "given the low, middle, and high doses (of MSCs)"
                      rf"|\b(?:given|receiving|with)\s+the\s+(?P<doses>{_ARM_NAME}(?:\s*,\s*{_ARM_NAME})*\s*,?\s+and\s+"
                      rf"{_ARM_NAME})\s+doses\b"
                      rf"|\b(?:in|of|among|for)\s+(?:the\s+)?cohorts\s+(?-i:(?P<cohorts>{_COHORT_KEYS}))\b(?![-–.,]\s*\d))")


def arm_names(m: re.Match[str]) -> list[str]:
    """The arms a list names, in its order: ["IT", "IV", "sham"], or ["cohort 1", "cohort 2", "cohort 3"]."""
    if m["cohorts"]:
        keys = [f"cohort {k}" for k in re.findall(r"\b[1-9A-D]\b", m["cohorts"])]
        return keys + ["expansion cohort"] if m["cohorts"].endswith("expansion cohort") else keys
    if m["doses"]:  # "the low, middle, and high doses": the dose groups
        return [f"{n.removesuffix('-dose')}-dose" for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m["doses"])]
    # "the low-, middle-, and high-dose groups": each level named in full
    names = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m["arms"] or m["periods"])
    tail = re.search(r"-\w+$", names[-1])
    return [n + tail.group()[1:] if tail and n.endswith("-") else n for n in names]


_BEFORE_PAREN = re.compile(r"(?:^|[,;:]\s*|\b(?:were|was|included|including)\s+)"
                           r"(?P<np>[A-Za-z](?:(?!\b(?:were|was|included|including)\b)[^,;:()]){2,70}?)\s*$")


def _label_before_paren(work: str, pos: int) -> tuple[int, int] | None:
    """'the most common were low-grade fever on the day of infusion (3 and 5 children, respectively)': the
    event the parenthesis counts is the phrase just before it."""
    lo = max(0, pos - 90)
    m = _BEFORE_PAREN.search(work, lo, pos)
    return (m.start("np"), m.end("np")) if m else None


_RESP_PCT_ITEM = rf"(?:{_W}|\d+)\s*\(\s*{NUM}\s*%\s*\)"
_RESP_COUNT_PCTS = re.compile(rf"(?i:\bin\s+(?P<list>{_RESP_PCT_ITEM}(?:\s*,\s*{_RESP_PCT_ITEM})*\s*,?\s+and\s+{_RESP_PCT_ITEM})\s+"
                              rf"{_PEOPLE_WORDS},?\s+respectively\b)")


def _respective_count_percentages(work: str, groups: list[Group]) -> None:
    """'Serious adverse events occurred in 3 (9.4%), 2 (6.5%), and 2 (6.1%) children, respectively': one count per
    arm, in the order the sentence (else the design) named the arms."""
    for m in _RESP_COUNT_PCTS.finditer(work):
        inside = sorted((g for g in groups if m.start("list") <= g.start < m.end("list") and g.stats
                         and g.stats[0].kind == "proportion" and g.arm_word is None and g.arm_index is None),
                        key=lambda g: g.start)
        if len(inside) < 2:
            continue
        arms = [a for a in ARM_LIST.finditer(work, 0, m.start())]
        names = arm_names(arms[-1]) if arms else []
        for k, g in enumerate(inside):
            if names and len(names) == len(inside):
                g.arm_word = names[k]
            else:
                g.arm_index = k


def _respective_counts(work: str, groups: list[Group], taken: list[tuple[int, int]]) -> None:
    """'... in the IT, IV and sham groups, and lesions were present in one, three and six patients,
    respectively', 'in one, two and three participants of cohorts 1, 2 and 3, respectively': one count per
    arm, in the order the sentence named the arms."""
    for m in _RESP_COUNTS.finditer(work):
        key = "list" if m["list"] else "pair" if m["pair"] else "npair"
        if any(not (m.end(key) <= a or m.start(key) >= b) for a, b in taken):
            continue
        label = _label_before_paren(work, m.start()) if work[m.start()] == "(" else None
        if label and re.search(rf"(?i:\b{_PEOPLE_WORDS}\b)", work[label[0]:label[1]]):
            continue  # "Among patients with ischaemic ulcers (16 and 15 patients, respectively)": who, not events
        arms = [a for a in ARM_LIST.finditer(work, 0, m.start())]
        if key != "list" or not arms and not m["cohorts"]:
            # "occurred in 3 and 8 patients, respectively": the arms in the order the design gave them
            for k, n in enumerate(re.finditer(rf"(?i:{_W}|(?<!\w)\d+)", m[key])):
                a, b = m.start(key) + n.start(), m.start(key) + n.end()
                st = Stat("count", a, b, work[a:b], value=Decimal(_int(n.group())))
                groups.append(Group("count_arm", a, b, [st], confidence=0.65 if key == "list" else 0.6, arm_index=k,
                                    label=label))
            taken.append((m.start(key), m.end()))
            continue
        names = arm_names(m) if m["cohorts"] else arm_names(arms[-1])
        nums = list(re.finditer(rf"(?i:{_W}|\d+)", m["list"]))
        if len(names) != len(nums):
            continue
        for name, n in zip(names, nums, strict=True):
            a, b = m.start("list") + n.start(), m.start("list") + n.end()
            st = Stat("count", a, b, work[a:b], value=Decimal(_int(n.group())))
            groups.append(Group("count_arm", a, b, [st], arm_word=name, confidence=0.7))
        taken.append((m.start("list"), m.end()))


_ELLIPTIC = re.compile(rf"(?i:[^.;()]{{0,60}}?\b(?:and|whereas|while|versus|vs\.?|compared\s+with)\s+(?:in\s+)?"
                       rf"(?P<n>\d+|{_W})\s+(?:(?:patients?|participants?)\s+)?(?:in|during|with|after)\s+(?:the\s+)?"
                       r"(?P<arm>[\w-]+)\s+(?:group|arm|period|cohort)s?\b)")


def _elliptic_counts(work: str, groups: list[Group], taken: list[tuple[int, int]]) -> None:
    """'Two relapses occurred during MSC periods and three during placebo periods', 'in 2 patients in the MSC group
    and 4 in the placebo group': the second arm's count of the same event, its noun left out."""
    for g in list(groups):
        if len(g.stats) != 1 or g.stats[0].kind != "count" or g.form.startswith("zero"):
            continue
        m = _ELLIPTIC.match(work, g.end)
        if m is None or any(not (m.end("n") <= a or m.start("n") >= b) for a, b in taken) or \
                any(x is not g and m.start("n") <= x.start < m.end("n") for x in groups):
            continue
        a, b = m.start("n"), m.end("n")
        st = Stat("count", a, b, work[a:b], value=Decimal(_int(m["n"])))
        other = Group("count_arm", a, b, [st], arm_word=m["arm"], confidence=0.65)
        other.label = g.label
        groups.append(other)
        taken.append((a, b))


_VERB_OF_CHANGE = re.compile(r"(?i:\b(?P<down>fell|fallen|decreased|declined|dropped|reduced|lowered)\b"
                             r"|\b(?:rose|risen|increased|improved|changed|grew|grown|worsened)\b|\blower\s+than\b)")


_RELATIVE = re.compile(r"(?i:\s*(?P<down>lower|less|smaller|fewer|reduction|decrease)|\s*(?:higher|greater|larger|more|increase)\b)")


def _relative_differences(work: str, groups: list[Group]) -> None:
    """'UACR at week 24 was 18% lower with 150 million MPCs': a percentage followed by its direction is a relative
    difference from the comparator (-18), not a proportion of people."""
    for g in groups:
        if len(g.stats) != 1 or g.stats[0].kind != "proportion" or g.stats[0].numerator is not None or \
                g.stats[0].percentage is None:
            continue
        m = _RELATIVE.match(work, g.end)
        if m is None or not re.match(r"\s*(?:with|in|than|for|vs|versus|compared|\(|$)", work[m.end():] or ""):
            continue
        st = g.stats[0]
        value = -st.percentage if m["down"] else st.percentage
        g.stats[0] = Stat("difference", st.start, st.end, st.text, value=value, unit="%", comparison="comparator")


def _signed_decreases(work: str, groups: list[Group]) -> None:
    """'fell by 29.4%' is a difference of -29.4: the verb gives the sign the number does not carry (a
    signed number, '-1.5', keeps its own). The statistic's text keeps the words as reported."""
    for g in groups:
        for st in g.stats:
            if st.kind not in ("difference", "mean", "median") or st.value is None or st.value <= 0 or st.comparison == "comparator" or \
                    re.match(r"\s*[+-]", work[st.start:st.end]):
                continue
            clause = _clause_before(work, g.start)
            if st.kind in ("mean", "median") and not (_CHANGED_BY.search(clause) and (re.search(r"(?i:\bby\b[^;()]*$)", clause) or re.search(
                    r"(?i:\bby\s+[\d.]+\s*\([^;]*,[^;]*$)", clause))):  # "... by 18.4 (11.2) points with A, 24.7"
                continue  # a mean is signed by its verb only as a change: "fell by a mean of 2.8"
            if st.kind == "median" and re.search(r"(?i:\bby\s+a\s+median\s+of\b[^;()]*$)", clause):
                continue  # "fell by a median of 38%": curators keep the reduction as the measure, unsigned
            verbs = list(_VERB_OF_CHANGE.finditer(clause))
            after = _VERB_OF_CHANGE.match(work, g.end) or re.match(r"(?i:\s*%?\s*lower\s+than)", work[g.end:])
            down = (verbs and verbs[-1]["down"]) or (after and "lower" in after.group().lower())
            if down and not re.search(r"(?i:\bdifference\b)", clause[-40:]):
                st.value = -st.value
                if st.ci is not None:
                    st.ci = (-st.ci[1], -st.ci[0], st.ci[2])


# "), stability in ", ", and progression in ": the next category of the same total
_NEXT_CATEGORY = re.compile(r"(?i:\s*%?\s*[)\]]?\s*(?:,\s*(?:and\s+)?|and\s+)[a-z-]+(?:\s+[a-z-]+)?\s+in\s+)")


def makes(numerator: int, denominator: int, pct: Decimal) -> bool:
    """Whether numerator/denominator rounds to the percentage as printed ("19 (55.9%)" of 34)."""
    exp = pct.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    return denominator > 0 and round(Decimal(numerator * 100) / denominator, places) == pct


def _carried_denominators(work: str, groups: list[Group]) -> None:
    """'in 12 of the 34 joints (35.3%), stability in 19 (55.9%) and progression in 3 (8.8%)': a count with
    its percentage and no total is out of the total just given, when that total makes the printed percentage."""
    for prev, g in pairwise(groups):
        before = next((st for st in prev.stats if st.kind == "proportion" and st.denominator), None)
        if before is None or not _NEXT_CATEGORY.fullmatch(work, prev.end, g.start):
            continue
        for st in g.stats:
            if st.kind == "proportion" and not st.denominator and st.numerator is not None and st.percentage is not None \
                    and makes(st.numerator, before.denominator, st.percentage):
                st.denominator = before.denominator


# "22 of 38 patients responded (", "22 of 38 (rate ": what may stand between a count and its own percentage
_BEFORE_OWN_PERCENT = re.compile(r"[^.;()\d]*\(\s*(?:(?:response\s+|remission\s+)?(?:rate|proportion|percentage)\s*[,:=]?\s*)?")
# "reached by 9 patients (" before "23.7%; 95% CI ...": the count the percentage was made of
_COUNT_BEFORE_CI = re.compile(rf"(?i:(?<![\w.,/])(?P<num>\d+|{_W})\s+(?:{_PEOPLE_WORDS}\s+)?(?:[a-z-]+\s+){{0,3}}?\(\s*$)")


def _join_counts_and_percentages(work: str, groups: list[Group]) -> list[Group]:
    """'reported by 6 of 29 patients in the autograft group (20.7%)': a count and total, and further on
    the percentage they make, are one proportion (the percentage must be theirs, to its printed digits)."""
    out: list[Group] = []
    skip: set[int] = set()
    for i, g in enumerate(groups):
        if i in skip:
            continue
        st = g.stats[0] if g.stats else None
        nxt = groups[i + 1] if i + 1 < len(groups) else None
        if st is not None and st.kind == "proportion" and st.numerator is not None and st.denominator and \
                st.percentage is None and nxt is not None and nxt.form in ("pct", "ci") and nxt.start - g.end <= 60 and \
                _BEFORE_OWN_PERCENT.fullmatch(work, g.end, nxt.start) and re.match(r"\s*%?\s*\)", work[nxt.end:]) and \
                nxt.stats[0].kind == "proportion" and not nxt.stats[0].numerator:
            pct = nxt.stats[0].percentage if nxt.stats[0].percentage is not None else nxt.stats[0].value
            if pct is not None and makes(st.numerator, st.denominator, pct):
                st.percentage, st.unit, st.ci = pct, "%", nxt.stats[0].ci
                g.end = nxt.end
                skip.add(i + 1)
        elif st is not None and g.form == "pct" and st.kind == "proportion" and not st.numerator and nxt is not None and \
                (ns := nxt.stats[0] if nxt.stats else None) is not None and ns.kind == "proportion" and \
                ns.numerator is not None and ns.denominator and ns.percentage is None and \
                re.fullmatch(r"\s*of\s+(?:the\s+)?(?:[A-Za-z-]+\s+){0,3}\(\s*", work[g.end:nxt.start]) and \
                re.match(r"\s*\)", work[nxt.end:]):
            # "the 77.3% of the patients (17/22)": the percentage and the count it was made of are one proportion
            pct = st.percentage if st.percentage is not None else st.value
            if pct is not None and makes(ns.numerator, ns.denominator, pct):
                ns.percentage, ns.unit = pct, "%"
                nxt.start = g.start
                out.append(nxt)
                skip.add(i + 1)
                continue
        out.append(g)
    return out


def _counts_before_ci(work: str, groups: list[Group]) -> None:
    """'reached by 9 patients (23.7%; 95% CI, 11.4%-40.2%)': the count before a percentage with its interval
    is that percentage's numerator, as in '9 patients (23.7%)'."""
    last_end = 0
    for g in groups:
        st = g.stats[0] if g.stats else None
        if g.form == "ci" and st is not None and st.kind == "proportion" and st.numerator is None and \
                st.percentage is not None and (m := _COUNT_BEFORE_CI.search(work, max(last_end, g.start - 80), g.start)):
            num = _int(m["num"])
            if st.denominator is None or makes(num, st.denominator, st.percentage):
                st.numerator = num
                g.start = m.start()
        last_end = g.end


# "The most frequent were wound infection (six children, 50%), pyrexia (five, 42%) and vomiting (3 [25%])": each
# event its own measure, counted with its share
_MOST_FREQUENT = re.compile(r"(?i:\bmost\s+(?:frequent|common)(?:ly\s+reported)?\b[^.;()]{0,60}?\b(?:were|was|included|being)\s*:?\s*)")
_EVENT_SHARE = re.compile(rf"(?i:\s*(?:,\s*)?(?:and\s+)?(?P<what>[A-Za-z][\w -]{{1,40}}?)\s*\(\s*(?P<num>\d+|{_W})(?:\s+[a-z]+)?\s*"
                          rf"(?:[,;]\s*|\[\s*)(?P<pct>{NUM})\s*%\s*\]?\s*\))")


# "headache (five participants vs three) and upper respiratory tract infection (four vs five)": each arm's count
_EVENT_VS = re.compile(rf"(?i:\s*(?:,\s*)?(?:and\s+)?(?P<what>[A-Za-z][\w -]{{1,40}}?)\s*\(\s*(?P<num>\d+|{_W})(?:\s+[a-z]+)?\s+"
                       rf"(?:vs\.?|versus)\s+(?P<num2>\d+|{_W})(?:\s+[a-z]+)?\s*\))")


def _most_frequent_events(work: str, groups: list[Group], taken: list[tuple[int, int]]) -> None:
    """One proportion per event a "most frequent were" list gives with its count and percentage; with two counts
    ("five vs three"), one count per arm, in the arms' order."""
    for lead in _MOST_FREQUENT.finditer(work):
        pos = lead.end()
        while (pair := _EVENT_VS.match(work, pos)) is not None:
            for k, key in enumerate(("num", "num2")):
                a, b = pair.start(key), pair.end(key)
                g = Group("count_event", a, b, [Stat("count", a, b, work[a:b], value=Decimal(_int(pair[key])))],
                          confidence=0.7, arm_index=k)
                g.label = (pair.start("what"), pair.end("what"))
                groups.append(g)
            taken.append((pair.start("num"), pair.end()))
            pos = pair.end()
        while (item := _EVENT_SHARE.match(work, pos)) is not None:
            a, b = item.start("num"), item.end() - 1
            st = Stat("proportion", a, b, work[a:b], numerator=_int(item["num"]), percentage=_d(item["pct"]))
            g = Group("count_event", a, b, [st], confidence=0.7)
            g.label = (item.start("what"), item.end("what"))
            groups.append(g)
            taken.append((item.start("num"), item.end()))
            pos = item.end()


# "11 adverse events, all grade 1-2: transient hematuria (5), dysuria (4) and urinary tract infection (2)",
# "Local complications occurred in 4 eyes (20.1%): persistent epithelial defect in 3, raised intraocular pressure
# in 2 and microbial keratitis in 1": after the colon, each event its own measure, counted
_EVENTS_LEAD = re.compile(r"(?i:\b(?:adverse\s+(?:events?|reactions?|effects?)|complications?|side[\s-]effects?|AEs)\b"
                          r"(?:[^.;:]|\.\d){0,80}?:\s*)")
_EVENT_COUNT = re.compile(rf"(?i:\s*(?:(?:,|;)\s*)?(?:and\s+)?(?P<what>[A-Za-z][\w -]{{1,50}}?)\s*"
                          rf"(?:\(\s*(?P<num>\d+|{_W})\s*\)|\s+in\s+(?P<num2>\d+|{_W})\b(?!\s*(?:%|of\b|/|\.\d))))")


def _colon_event_counts(work: str, groups: list[Group], taken: list[tuple[int, int]]) -> None:
    """One count per event a list after an adverse-event sentence's colon names with its number."""
    for lead in _EVENTS_LEAD.finditer(work):
        items, pos = [], lead.end()
        while (item := _EVENT_COUNT.match(work, pos)) is not None:
            items.append(item)
            pos = item.end()
        if len(items) < 2:
            continue
        for item in items:
            key = "num" if item["num"] else "num2"
            a, b = item.start(key), item.end(key)
            if any(a < y and x < b for x, y in taken):
                continue
            g = Group("count_event", a, b, [Stat("count", a, b, item[key], value=Decimal(_int(item[key])))], confidence=0.7)
            g.label = (item.start("what"), item.end("what"))
            groups.append(g)
            taken.append((a, b + (1 if item["num"] else 0)))


# "(fever, 4; rash, 2; transient tachycardia, 1)": events named with their counts, one after another
_NAMED_COUNTS = re.compile(r"\((?P<list>\s*[A-Za-z][\w -]{1,40}?,\s*\d+(?:\s*;\s*[A-Za-z][\w -]{1,40}?,\s*\d+)+\s*)\)")


def _named_count_list(work: str, groups: list[Group], taken: list[tuple[int, int]]) -> None:
    """One count per event a parenthesis lists with its number, each event its own measure."""
    for m in _NAMED_COUNTS.finditer(work):
        if re.search(r"(?<![Gg]rade\s)(?<![Gg]rade)\b\d+\s*$", work[:m.start()]):
            continue  # "57 (SVF, 29; verapamil, 28) were evaluable": a number broken down by arm, no events
        for item in re.finditer(r"(?P<what>[A-Za-z][\w -]{1,40}?),\s*(?P<num>\d+)", m["list"]):
            a, b = m.start("list") + item.start("num"), m.start("list") + item.end("num")
            if any(a < y and x < b for x, y in taken):
                continue
            g = Group("count_event", a, b, [Stat("count", a, b, item["num"], value=Decimal(item["num"]))], confidence=0.7)
            g.label = (m.start("list") + item.start("what"), m.start("list") + item.end("what"))
            groups.append(g)
            taken.append((a, b))


def _pair_kinds(work: str, groups: list[Group]) -> None:
    """'The mean change ... was -2.14 (95% CI ...) vs -1.37 (95% CI ...)': the second of a pair is the
    same statistic as the first, whose words named it."""
    values = [g for g in groups if g.is_value and g.stats]
    for a, b in pairwise(values):
        between = work[a.end:b.start]
        compared = re.fullmatch(r"(?i:\s*[)\]]?\s*,?\s*(?:[^.;()]{0,60}?\s)?(?:vs\.?|versus|compared\s+with)\s*[(\[]?\s*)",
                                between) and (
            b.stats[0].kind == "central-value" and a.stats[0].kind in ("difference", "mean", "median")
            or b.stats[0].kind == "mean" and a.stats[0].kind == "difference"
            or b.stats[0].kind == "difference" and a.stats[0].kind in ("mean", "median"))
        # "10.4 [95% CI, 7.1–13.7] with intravenous UC-MSCs, 8.9 [95% CI, ...] with nebulised UC-MSCs and 4.2 [...]"
        listed = a.form == b.form == "ci" and b.stats[0].kind == "central-value" and \
            a.stats[0].kind in ("difference", "mean", "median") and re.fullmatch(
                r"(?i:\s*(?:[;,]\s*p\s*[=<>]\s*[\d.]+\s*)?[)\]]?\s*(?:(?:with|in|for|among)\s+[^,;()\[\]]{1,40}?)?\s*"
                r"(?:,\s*(?:and\s+)?|and\s+))", between) or re.fullmatch(
                # APA: "46.7 m, 95% CI [21.2, 72.2], p < .001, d = 0.98, for the high dose and 29.3 m, 95% CI [...]"
                r"(?i:\s*[)\]]\s*,\s*p\s*[=<>]\s*[\d.]+\s*(?:,\s*d\s*=\s*[\d.]+\s*)?,\s*(?:with|in|for|among)\s+"
                r"[^,;()\[\]]{1,40}?\s+and\s+)", between)
        # "was −4·1 (SD 3·8), −2·9 (SD 4·4) and −1·7 (SD 3·1) percentage points in cohorts 1, 2 and 3": one statistic
        series = a.form == b.form and a.stats[0].kind != b.stats[0].kind and {a.stats[0].kind, b.stats[0].kind} <= {
            "difference", "mean", "median", "central-value"} and b.stats[0].kind != "median" and re.fullmatch(
            r"\s*(?:,\s*(?:and\s+)?|,?\s*and\s+)", between)
        if compared or listed or series:
            b.stats[0].kind = a.stats[0].kind


def _respective_percentages(work: str, groups: list[Group]) -> None:
    """'in 8 of 56 and 17 of 54 patients, respectively (14.3% vs 31.5%)': each percentage completes
    its count when it agrees with it; the statistic's words then run from the count to the percentage."""
    props = [g for g in groups if g.form in ("prop_of", "prop_slash") and g.stats[0].denominator]
    if len(props) < 2:
        return
    pcts = [g for g in groups if g.form == "pct" and g.start > props[-1].end][:len(props)]
    # "13 of 21 versus 6 of 19 (61.9% vs 31.6%; p = 0.054)": the percentages' parenthesis follows the counts
    if len(pcts) != len(props) or ("respectively" not in work[props[-1].end:pcts[0].start]
                                    and not re.fullmatch(r"\s*\(\s*", work[props[-1].end:pcts[0].start])):
        return
    for g, p in zip(props, pcts, strict=True):
        st, pct = g.stats[0], p.stats[0].percentage
        assert st.numerator is not None and st.denominator and pct is not None
        exact = Decimal(100 * st.numerator) / st.denominator
        if abs(exact - pct) > Decimal(1).scaleb(int(pct.as_tuple().exponent)):  # within one unit of its last digit
            return
    for g, p in zip(props, pcts, strict=True):
        g.stats[0].percentage, g.stats[0].unit, g.stats[0].end = p.stats[0].percentage, "%", p.end
        groups.remove(p)


_NEXT_VALUE = re.compile(rf"(?i:\s*(?:\b(?:in|for|with)\s+(?:the\s+)?[\w-]+(?:\s+(?:group|arm))?\s+)?"
                         rf"(?:versus|vs\.?|compared with|and)\s+)(?P<v>{NUM})\s*(?P<u>{UNIT})?(?![\w.%])")


def _keyword_pairs(work: str, groups: list[Group], taken: list[tuple[int, int]]) -> list[Group]:
    """'median ... was 56 days in the A group versus 84 days in the B group': the second value is
    the same statistic with the same unit."""
    out = list(groups)
    for g in groups:
        if g.form != "keyword_value":
            continue
        m = _NEXT_VALUE.match(work, g.end)
        # "Median operative time was 96 versus 128 minutes": the unit written once, after the second value
        if m and (m["u"] == g.stats[0].unit or not g.stats[0].unit and (re.match(r"(?i:\s*(?:versus|vs\.?)\s)", work[g.end:])
                                                                          or m["u"] is None and re.match(
                    r"(?i:\s*(?:in|for|with)\s+(?:the\s+)?[\w-]+(?:\s+(?:group|arm))?\s+and\s)", work[g.end:]))) \
                and all(m.end() <= a or m.start("v") >= b for a, b in taken):
            st = g.stats[0]
            if st.unit is None:
                st.unit = m["u"]
            out.append(Group("keyword_value", m.start("v"), m.end(),
                             [Stat(st.kind, m.start("v"), m.end(), m.group(0), value=_d(m["v"]), unit=m["u"])],
                             confidence=0.8))
            taken.append((m.start("v"), m.end()))
    return sorted(out, key=lambda x: x.start)
