//! A document for people: headings, paragraphs, lists, tables and figures, rendered either as
//! one self-contained HTML page (inline CSS and SVG, no network, laid out for A4 when printed)
//! or as Markdown. Briefings, the teacher's guide, after-action reports and the lab page are
//! all built as a `Document`, so each exists in both forms from one source.

use serde::Serialize;

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// Level 2 or 3 (the title is level 1).
    Heading(u8, String),
    Paragraph(String),
    /// A paragraph set apart: a prompt, a caution.
    Callout(String),
    List(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
        /// Column numbers (from 0) holding numbers, right-aligned.
        numeric: Vec<usize>,
    },
    /// An inline SVG chart, with the same information in words for Markdown and screen readers.
    Figure {
        svg: String,
        caption: String,
        words: String,
    },
    /// Blank lines for a student to write in, on paper.
    WritingSpace(u32),
}

/// A whole document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    pub subtitle: String,
    pub blocks: Vec<Block>,
}

/// Escapes text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Escapes text for HTML and sets `spans in backticks` as code, as Markdown would.
pub fn inline(text: &str) -> String {
    if text.matches('`').count() < 2 {
        return escape(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let parts: Vec<&str> = text.split('`').collect();
    let last = parts.len() - 1;
    for (index, part) in parts.iter().enumerate() {
        // An unpaired last backtick stays as it is.
        if index % 2 == 1 && !(index == last && parts.len().is_multiple_of(2)) {
            out.push_str(&format!("<code>{}</code>", escape(part)));
        } else {
            if index % 2 == 1 {
                out.push('`');
            }
            out.push_str(&escape(part));
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; --tint: #f3f1ec; --accent: #0b5f8a; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink);
  max-width: 190mm; margin: 0 auto; padding: 10mm 8mm; font-size: 10.5pt; line-height: 1.38; }
h1 { font-size: 17pt; margin: 0 0 1mm; color: var(--accent); }
.subtitle { color: var(--muted); margin: 0 0 4mm; font-size: 10pt; }
h2 { font-size: 12.5pt; margin: 5mm 0 1.5mm; border-bottom: 1.5px solid var(--accent); padding-bottom: 0.5mm; }
h3 { font-size: 11pt; margin: 3.5mm 0 1mm; }
p { margin: 1mm 0 2mm; }
ul { margin: 1mm 0 2mm; padding-left: 6mm; }
li { margin: 0.4mm 0; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; font-size: 9pt; }
th, td { border-bottom: 1px solid var(--rule); padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: var(--tint); font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td, th { overflow-wrap: break-word; }
.callout { border-left: 3px solid var(--accent); background: var(--tint); padding: 2mm 3mm; margin: 2mm 0 3mm; }
figure { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 9pt; color: var(--muted); margin-top: 1mm; }
code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.9em; background: var(--tint); padding: 0 0.6mm; }
.writing { border-bottom: 1px solid var(--rule); height: 7.5mm; }
.footer { margin-top: 6mm; font-size: 8.5pt; color: var(--muted); border-top: 1px solid var(--rule); padding-top: 1.5mm; }
@page { size: A4; margin: 13mm 13mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.6pt; line-height: 1.3; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

impl Document {
    pub fn new(title: impl Into<String>, subtitle: impl Into<String>) -> Document {
        Document {
            title: title.into(),
            subtitle: subtitle.into(),
            blocks: Vec::new(),
        }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    pub fn heading(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Block::Heading(2, text.into()))
    }

    pub fn subheading(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Block::Heading(3, text.into()))
    }

    pub fn paragraph(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Block::Paragraph(text.into()))
    }

    pub fn list(&mut self, items: Vec<String>) -> &mut Self {
        self.push(Block::List(items))
    }

    pub fn table(&mut self, head: &[&str], rows: Vec<Vec<String>>, numeric: &[usize]) -> &mut Self {
        self.push(Block::Table {
            head: head.iter().map(|h| (*h).to_owned()).collect(),
            rows,
            numeric: numeric.to_vec(),
        })
    }

    /// All the text of the document, for searching (tests, indexing).
    pub fn text(&self) -> String {
        self.to_markdown()
    }

    /// One self-contained HTML page: no scripts, no fonts or images fetched.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str(&format!("<title>{}</title>\n", escape(&self.title)));
        out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
        out.push_str(&format!("<h1>{}</h1>\n", escape(&self.title)));
        if !self.subtitle.is_empty() {
            out.push_str(&format!(
                "<p class=\"subtitle\">{}</p>\n",
                escape(&self.subtitle)
            ));
        }
        for block in &self.blocks {
            match block {
                Block::Heading(level, text) => {
                    let level = (*level).clamp(2, 4);
                    out.push_str(&format!("<h{level}>{}</h{level}>\n", inline(text)));
                }
                Block::Paragraph(text) => out.push_str(&format!("<p>{}</p>\n", inline(text))),
                Block::Callout(text) => {
                    out.push_str(&format!("<p class=\"callout\">{}</p>\n", inline(text)))
                }
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        out.push_str(&format!("<li>{}</li>\n", inline(item)));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table {
                    head,
                    rows,
                    numeric,
                } => {
                    let class = |column: usize| {
                        if numeric.contains(&column) {
                            " class=\"num\""
                        } else {
                            ""
                        }
                    };
                    out.push_str("<table>\n<thead><tr>");
                    for (column, cell) in head.iter().enumerate() {
                        out.push_str(&format!("<th{}>{}</th>", class(column), escape(cell)));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for row in rows {
                        out.push_str("<tr>");
                        for (column, cell) in row.iter().enumerate() {
                            out.push_str(&format!("<td{}>{}</td>", class(column), inline(cell)));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Figure {
                    svg,
                    caption,
                    words,
                } => {
                    out.push_str("<figure>\n");
                    out.push_str(svg);
                    out.push_str(&format!(
                        "\n<figcaption>{} <span class=\"words\">{}</span></figcaption>\n</figure>\n",
                        escape(caption),
                        escape(words)
                    ));
                }
                Block::WritingSpace(lines) => {
                    for _ in 0..*lines {
                        out.push_str("<div class=\"writing\"></div>\n");
                    }
                }
            }
        }
        out.push_str(
            "<p class=\"footer\">Peninsula, a strategy game about the 2017 North Korea crisis. \
             Citations P1-P27 are paragraphs of the essay the scenario is built from, paraphrased.</p>\n",
        );
        out.push_str("</body>\n</html>\n");
        out
    }

    /// The same document as Markdown (figures as their words).
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n\n", self.title);
        if !self.subtitle.is_empty() {
            out.push_str(&format!("*{}*\n\n", self.subtitle));
        }
        let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
        for block in &self.blocks {
            match block {
                Block::Heading(level, text) => {
                    out.push_str(&format!("{} {text}\n\n", "#".repeat(usize::from(*level))))
                }
                Block::Paragraph(text) => out.push_str(&format!("{text}\n\n")),
                Block::Callout(text) => out.push_str(&format!("> {text}\n\n")),
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {item}\n"));
                    }
                    out.push('\n');
                }
                Block::Table { head, rows, .. } => {
                    let head: Vec<String> = head.iter().map(|h| cell(h)).collect();
                    out.push_str(&format!("| {} |\n", head.join(" | ")));
                    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                    for row in rows {
                        let row: Vec<String> = row.iter().map(|c| cell(c)).collect();
                        out.push_str(&format!("| {} |\n", row.join(" | ")));
                    }
                    out.push('\n');
                }
                Block::Figure { caption, words, .. } => {
                    out.push_str(&format!("**{caption}** {words}\n\n"))
                }
                Block::WritingSpace(lines) => {
                    for _ in 0..*lines {
                        out.push_str("\n___\n");
                    }
                    out.push('\n');
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn backtick_spans_become_code_and_everything_is_escaped() {
        assert_eq!(
            inline("run `a <b>` now"),
            "run <code>a &lt;b&gt;</code> now"
        );
        assert_eq!(inline("one ` only"), "one ` only");
        assert_eq!(inline("`x` and `y"), "<code>x</code> and `y");
        assert_eq!(inline("<plain>"), "&lt;plain&gt;");
    }
}
